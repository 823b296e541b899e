// Where things are on a Blogger page: every selector the content script uses, in one table, so
// that the page structure is data (rules/platforms/ will generate tables like this one for other
// platforms; the collector and the streaming pipeline take the table as it is).

export const BLOGGER = Object.freeze({
  /** Whether a page is Blogger: `<meta name="generator" content="Blogger">`, or its Blog widget. */
  generator: 'blogger',
  /** A post body or post inside the Blog widget: custom domains whose template dropped the meta. */
  page: '.widget.Blog .post-body, .widget.Blog [id^="post-body-"], .widget.Blog .post-outer',
  /** The post's body: the class most themes keep, or the id every theme's body carries. */
  postBody: '.post-body, [id^="post-body-"]',
  /** One post with its title, footer and (on a post's own page, often) its comments. */
  postContainer: '.post-outer',
  postFallback: '.post, .hentry, article, .blog-post',
  title: '.post-title, .entry-title',
  labels: '.post-labels',
  share: '.post-share-buttons',
  footer: '.post-footer',
  /** The comment count or "Post a Comment" link by the post (classic footer, some themes' header). */
  commentLink: '.post-comment-link, .entry-comments-link',
  comments: '#comments',
  commentText: '.comment-content, .comment-body',
  commentFormHeader: '#comment-post-message',
  pager: '#blog-pager, .blog-pager',
  feed: '.feed-links',
  backlinks: '#backlinks-container',
});

/** Parts of a page that may carry spam or clutter: held back from the first paint until judged. */
export const heldSelector = (s) =>
  [s.title, s.postBody, s.footer, s.labels, s.share, s.comments, s.pager, s.feed, s.backlinks].join(', ');

/** Widgets that may stand outside every post (then they belong to the page, or to a lone post). */
export const pageWidgetSelector = (s) => [s.comments, s.pager, s.feed, s.backlinks].join(', ');
