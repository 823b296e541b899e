//! The data that crosses every boundary: blocks in, findings out.
//!
//! These types are the contract between the core, the CLI and the browser glue (through JSON), so
//! their serde names are part of the product's interface: see `docs/ARCHITECTURE.md`.

use serde::{Deserialize, Serialize};

/// What a block is on the page, as far as the collector could tell from structure.
///
/// The hint only narrows what the core looks for: a `comment` block is never judged as spam, a
/// `share` block is clutter by structure even when it has no text. `body` is the safe default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// A paragraph or line of the post body (or of plain text).
    #[default]
    Body,
    /// The post title.
    Title,
    /// The post's label list ("Labels: ...").
    Labels,
    /// Any other line of the post footer or comment area, judged by its text alone.
    Footer,
    /// The header above the comment section ("0 komentar:", "3 comments:").
    CommentsHeader,
    /// A reader's comment: never hidden.
    Comment,
    /// A share-buttons widget (`.post-share-buttons`).
    Share,
    /// The pager (`#blog-pager`).
    Pager,
    /// Feed links (`.feed-links`).
    Feed,
    /// Backlinks (`#backlinks-container`).
    Backlinks,
    /// The comment-form header or widget (`#comment-post-message`, `.comment-form`).
    CommentForm,
}

impl BlockKind {
    /// Every kind, in declaration order.
    pub const ALL: [BlockKind; 11] = [
        BlockKind::Body,
        BlockKind::Title,
        BlockKind::Labels,
        BlockKind::Footer,
        BlockKind::CommentsHeader,
        BlockKind::Comment,
        BlockKind::Share,
        BlockKind::Pager,
        BlockKind::Feed,
        BlockKind::Backlinks,
        BlockKind::CommentForm,
    ];

    /// The kind's name on the wire (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Body => "body",
            BlockKind::Title => "title",
            BlockKind::Labels => "labels",
            BlockKind::Footer => "footer",
            BlockKind::CommentsHeader => "comments-header",
            BlockKind::Comment => "comment",
            BlockKind::Share => "share",
            BlockKind::Pager => "pager",
            BlockKind::Feed => "feed",
            BlockKind::Backlinks => "backlinks",
            BlockKind::CommentForm => "comment-form",
        }
    }
}

/// One unit of text to judge: a paragraph, a line, a title or a widget's text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Block {
    pub text: String,
    #[serde(default)]
    pub kind: BlockKind,
    /// Which post on the page the block belongs to: repetition is counted per post.
    #[serde(default)]
    pub post: u32,
}

impl Block {
    pub fn new(text: impl Into<String>, kind: BlockKind) -> Self {
        Block {
            text: text.into(),
            kind,
            post: 0,
        }
    }
}

/// Why a range is hidden. The serde names are shown to users (popup) and used in settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// An ad replacing the news dateline at the start of a block.
    Prefix,
    /// An ad glued to the end of a block.
    Suffix,
    /// An ad inside a block, neither at its start nor its end.
    Inline,
    /// A whole block that is an ad (standalone brand line).
    Line,
    /// An injected link line (`BACA JUGA : PT Rifan - ...`, `BRAND | title`).
    LinkLine,
    /// A label list stuffed with brand variants.
    LabelList,
    /// The comment count of an empty comment section.
    CommentCount,
    /// The comment-form header.
    CommentForm,
    /// Share buttons.
    Share,
    /// Newer/older/home pager.
    Pager,
    /// Feed subscription links.
    Feed,
    /// Backlinks widget.
    Backlinks,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Category::Prefix,
        Category::Suffix,
        Category::Inline,
        Category::Line,
        Category::LinkLine,
        Category::LabelList,
        Category::CommentCount,
        Category::CommentForm,
        Category::Share,
        Category::Pager,
        Category::Feed,
        Category::Backlinks,
    ];

    /// Footer clutter (Blogger chrome) as opposed to injected advertising.
    pub fn is_clutter(self) -> bool {
        matches!(
            self,
            Category::CommentCount
                | Category::CommentForm
                | Category::Share
                | Category::Pager
                | Category::Feed
                | Category::Backlinks
        )
    }

    /// The kebab-case name used in JSON, settings and the UI.
    pub fn name(self) -> &'static str {
        match self {
            Category::Prefix => "prefix",
            Category::Suffix => "suffix",
            Category::Inline => "inline",
            Category::Line => "line",
            Category::LinkLine => "link-line",
            Category::LabelList => "label-list",
            Category::CommentCount => "comment-count",
            Category::CommentForm => "comment-form",
            Category::Share => "share",
            Category::Pager => "pager",
            Category::Feed => "feed",
            Category::Backlinks => "backlinks",
        }
    }
}

/// One range to hide inside one block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Index of the block in the request.
    pub block: usize,
    /// UTF-8 byte range within the block's text.
    pub start: usize,
    pub end: usize,
    /// The same range in UTF-16 code units (what the DOM counts).
    pub start16: usize,
    pub end16: usize,
    pub category: Category,
    /// The rule or evidence that fired, e.g. `brand-list:bestprofit`, `repeated:3`, `blogger-ui:id`.
    pub rule: String,
}

/// What the user has told Bersih: phrases to keep or hide, clutter kinds switched off.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Phrases never hidden ("Not spam"), matched case-insensitively against a finding's text.
    pub allow: Vec<String>,
    /// Phrases always hidden wherever they occur, case-insensitively.
    pub deny: Vec<String>,
    /// Categories the user switched off (e.g. `pager`): findings of these kinds are dropped.
    pub disabled: Vec<Category>,
}
