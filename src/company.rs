//! Company words (`rules/company-words.txt`): whether a phrase reads as the name of a company.
//!
//! The farms advertise brokers, so the phrases they inject look like company names in at least one
//! of their forms (`PT MAJU JAYA BERJANGKA`, `Graha Mulia Futures`). Ordinary phrases that repeat at
//! paragraph boundaries (a book's title, a recipe's signature, an artist's name) do not. An unknown
//! repeated phrase is only hidden when it looks like a company or varies like a brand
//! (`repetition`); this module answers the first question for one phrase.

use crate::normalize::{
    alphanumeric_words, ascii_lower, char_at, chars, is_lowercase, is_uppercase, lower, SHORT_WORD,
};
use crate::rules::{contains, Company};

/// The fewest letters before a business word fused onto a name in capitals (`NUSAPRIMAFUTURES`).
const FUSED_STEM: usize = 3;

impl Company {
    /// Whether `phrase` carries a company marker: a legal form beside another name word, or a
    /// business word (whole, or fused onto the end of a word in capitals).
    pub fn marks(&self, phrase: &str) -> bool {
        let words = alphanumeric_words(phrase);
        // A legal form needs a name beside it: `PT Maju`, not `my CV`.
        let capitalized = |w: &str| char_at(w, 0).is_some_and(is_uppercase);
        let named = words.clone().filter(|w| capitalized(w)).count() > 1;
        let mut stack = [0u8; SHORT_WORD];
        words.into_iter().any(|w| {
            let owned: String;
            let lowered = match ascii_lower(w, &mut stack) {
                Some(lowered) => lowered,
                None => {
                    owned = lower(w);
                    &owned
                }
            };
            if contains(&self.legal, lowered) {
                return capitalized(w) && named;
            }
            let caps = !chars(w).any(is_lowercase);
            self.business.iter().any(|b| {
                lowered == *b
                    || (caps
                        && lowered
                            .strip_suffix(b.as_ref())
                            .is_some_and(|stem| stem.chars().count() >= FUSED_STEM))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{compile, RuleSources, Source, EMBEDDED, SOURCES};

    const COMPANY_WORDS: Source = SOURCES.company_words;

    fn parse(src: Source) -> Result<(), crate::rules::RuleError> {
        compile(&RuleSources {
            company_words: src,
            ..SOURCES
        })
        .map(drop)
    }

    /// Every entry marks a name it ends or starts; a longer word that merely begins with it,
    /// or the entry glued onto a name in mixed case, does not.
    #[test]
    fn every_entry_matches_and_a_near_miss_does_not() {
        let c = &EMBEDDED.company;
        for (line, kind, word) in COMPANY_WORDS.kinded_lines().unwrap() {
            let at = format!("{}:{}: {word}", COMPANY_WORDS.name, line.number);
            let upper = word.to_uppercase();
            match kind {
                "legal" => {
                    assert!(c.marks(&format!("{word} Maju Jaya")), "{at}");
                    assert!(c.marks(&format!("Maju Jaya {upper}")), "{at}");
                    assert!(!c.marks(word), "{at}: alone");
                    assert!(!c.marks(&format!("Maju {word}ra")), "{at}: inside a word");
                }
                _ => {
                    assert!(c.marks(&format!("Maju Jaya {word}")), "{at}");
                    assert!(c.marks(&format!("(mjb-maju jaya {})", word.to_lowercase())));
                    assert!(
                        c.marks(&format!("MAJUJAYA{upper}")),
                        "{at}: fused in capitals"
                    );
                    assert!(!c.marks(&format!("Maju {word}ville")), "{at}: longer word");
                    assert!(
                        !c.marks(&format!("Majujaya{}", word.to_lowercase())),
                        "{at}"
                    );
                }
            }
        }
    }

    #[test]
    fn ordinary_repeated_phrases_are_not_companies() {
        let c = &EMBEDDED.company;
        for p in [
            "The Silent River",
            "Harbour Lights",
            "Bunda Rina",
            "To Kill A Mockingbird",
            "Menteri Perdagangan",
            "ANDRA MAHESA",
            "my CV",
            "pt Maju",
        ] {
            assert!(!c.marks(p), "{p}");
        }
        assert!(c.marks("PT. MAJU JAYA"));
        assert!(c.marks("Maju Jaya Tbk"));
        assert!(c.marks("SAMUDRA ARTHA FUTURES SURABAYA (12/06)"));
    }

    #[test]
    fn a_bad_entry_names_its_line() {
        let src = Source {
            name: "rules/company-words.txt",
            text: "legal PT\nbusiness Futures Berjangka\n",
        };
        let err = parse(src).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/company-words.txt:2: a company word is one word of letters"
        );
        let src = Source {
            name: "rules/company-words.txt",
            text: "trade Futures\n",
        };
        let err = parse(src).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/company-words.txt:1: unknown kind `trade`"
        );
    }
}
