//! Contact lines an advertiser appends to a republished article: a money changer or a shop copies
//! news and closes it with its own e-mail address, handle and phone number, each alone on a line.
//!
//! Outlets and communities close posts with contacts too, so a run is hidden only when it is bare:
//! at least [`MIN_LINES`] contact lines closing the post, not introduced by a header line ending in
//! a colon (`Informasi dan pendaftaran:`), and naming nobody the article names (the community in
//! `tamanpustaka.desa@gmail.com` is the article's subject). No brand list is involved.

use rustc_hash::FxHashMap as HashMap;

use crate::clean::Hit;
use crate::model::{BlockKind, Category};
use crate::normalize::{fold, fold_into};
use crate::scan::Part;

/// The rule name of these findings.
const RULE: &str = "contact-lines";
/// The fewest contact lines in a run: one address under an article is a signature.
const MIN_LINES: usize = 2;
/// The longest contact line (bytes).
const MAX_CONTACT: usize = 64;
/// The fewest digits of a phone number.
const MIN_PHONE_DIGITS: usize = 9;
/// The most contact names looked for in the article (each is one search over it).
const MAX_STEMS: usize = 8;
/// The fewest letters of a name taken from a contact to look for in the article.
const MIN_STEM: usize = 4;

/// What a bare contact line is, and the name it carries (folded), if any.
fn contact(line: &str) -> Option<Option<String>> {
    if line.len() > 2 * MAX_CONTACT {
        return None;
    }
    let line = line.trim();
    if line.is_empty()
        || line.len() > MAX_CONTACT
        || line.contains(char::is_whitespace) && !phone(line)
    {
        return None;
    }
    if phone(line) {
        return Some(None);
    }
    let stem = |s: &str| {
        let first = s.split(['.', '_', '-']).next().unwrap_or_default();
        let f = fold(first);
        (f.chars().count() >= MIN_STEM).then_some(f)
    };
    let handle_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-');
    if let Some(handle) = line.strip_prefix('@') {
        return (!handle.is_empty() && handle.chars().all(handle_char)).then(|| stem(handle));
    }
    if let Some(rest) = line
        .strip_prefix("https://wa.me/")
        .or_else(|| line.strip_prefix("wa.me/"))
    {
        return rest.chars().all(|c| c.is_ascii_digit()).then_some(None);
    }
    let (local, domain) = line.split_once('@')?;
    let email = !local.is_empty()
        && local.chars().all(handle_char)
        && domain.contains('.')
        && domain.chars().all(handle_char);
    email.then(|| stem(local))
}

/// `0811-6622-9090`, `+62 811 6622 9090`, `(021) 555-1234`.
fn phone(line: &str) -> bool {
    let digits = line.chars().filter(char::is_ascii_digit).count();
    digits >= MIN_PHONE_DIGITS
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')' | '.'))
}

/// The runs of bare contact lines closing each post, as whole-block hits.
pub fn contact_runs(blocks: &[Part]) -> Vec<(usize, Hit)> {
    // Per post: its last block (posts are contiguous runs of blocks: one map entry per run, and
    // a later run of the same post replaces an earlier one).
    let mut posts: HashMap<u32, usize> = HashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        if blocks.get(i + 1).is_none_or(|next| next.post != b.post) {
            posts.insert(b.post, i);
        }
    }
    let mut hits = Vec::new();
    for (post, end) in posts {
        // Walk back over the post's closing contact lines (empty lines between them allowed).
        let mut run = Vec::new();
        let mut stems = Vec::new();
        let mut i = end + 1;
        let mut before = None;
        while i > 0 {
            i -= 1;
            let b = &blocks[i];
            if b.post != post {
                break; // another post's block: this post's text ends here
            }
            if b.kind != BlockKind::Body || b.text.trim().is_empty() {
                continue;
            }
            match contact(&b.text) {
                Some(stem) => {
                    run.push(i);
                    if stems.len() < MAX_STEMS {
                        stems.extend(stem);
                    }
                }
                None => {
                    before = Some(i);
                    break;
                }
            }
        }
        if run.len() < MIN_LINES {
            continue;
        }
        let Some(before) = before else {
            continue; // a post of contacts only is a contact page
        };
        if blocks[before].text.trim_end().ends_with([':', '：']) {
            continue;
        }
        // A contact that names the article's subject is the article's (a community's address
        // under its own story). The post's blocks up to the run are searched one at a time (those
        // next to it: posts are contiguous, and a block of another post ends the search): a folded
        // text has no spaces, so a stem is inside the joined article exactly when it is inside
        // one block, and the search stops at the first block that names one. No stems (phones
        // only): nothing to fold.
        let mut folded = String::new();
        let names_subject = !stems.is_empty()
            && blocks[..=before]
                .iter()
                .rev()
                .take_while(|b| b.post == post)
                .any(|b| {
                    folded.clear();
                    fold_into(&b.text, &mut folded);
                    stems.iter().any(|stem| folded.contains(stem.as_str()))
                });
        if names_subject {
            continue;
        }
        for b in run {
            let end = blocks[b].text.len();
            hits.push((
                b,
                Hit {
                    start: 0,
                    end,
                    category: Category::Line,
                    rule: RULE.to_string(),
                },
            ));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_shapes() {
        assert_eq!(
            contact("valasmaju.changer@gmail.com"),
            Some(Some("valasmaju".into()))
        );
        assert_eq!(
            contact("@valasmaju_official"),
            Some(Some("valasmaju".into()))
        );
        assert_eq!(contact("0811-6622-9090"), Some(None));
        assert_eq!(contact("+62 811 6622 9090"), Some(None));
        assert_eq!(contact("wa.me/6281166229090"), Some(None));
        assert_eq!(contact("Hubungi 0811-6622-9090"), None);
        assert_eq!(contact("Rp16.180"), None);
        assert_eq!(contact("2024"), None);
    }
}
