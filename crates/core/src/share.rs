//! Share links: the design text in a URL fragment, compressed.
//!
//! `#d=` + URL-safe base64 (no padding) of the raw-deflated UTF-8 text. A fragment never
//! reaches a server, so a shared design stays between the people who hold the link.
//! Decoding is bounded: a link can never inflate to more than the largest design accepted
//! ([`crate::limits::MAX_DESIGN_BYTES`]), so a crafted link cannot exhaust the tab.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::limits;

/// The fragment key of a shared design.
pub const PREFIX: &str = "d=";

/// Why a link could not be opened. Each says what is wrong in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    NotALink,
    Encoding,
    Compression,
    TooLarge,
    NotText,
    /// The shell cannot inflate (a browser without `DecompressionStream`).
    Unsupported,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ShareError::NotALink => "the link holds no design (expected `#d=…`)",
            ShareError::Encoding => {
                "the link is damaged: its design part is not valid base64url (was it cut short or edited?)"
            }
            ShareError::Compression => {
                "the link is damaged: its design does not decompress (was it cut short?)"
            }
            ShareError::TooLarge => "the link's design is larger than the largest design accepted",
            ShareError::NotText => "the link's design is not UTF-8 text",
            ShareError::Unsupported => {
                "this browser cannot open share links (it has no DecompressionStream)"
            }
        })
    }
}

/// The fragment (without `#`) that carries `text`.
pub fn encode(text: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The design text of a fragment (with or without its `#`).
pub fn decode(fragment: &str) -> Result<String, ShareError> {
    let packed = compressed(fragment)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, limits::MAX_DESIGN_BYTES)
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                _ => ShareError::Compression,
            })?;
    text(bytes)
}

/// The compressed bytes a fragment carries: the steps of [`decode`] before inflating, for a
/// shell that inflates them itself (the page, with the browser's `DecompressionStream`,
/// within [`limits::MAX_DESIGN_BYTES`]).
pub fn compressed(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let body = fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .strip_prefix(PREFIX)
        .ok_or(ShareError::NotALink)?;
    // Compressed text is never much larger than a quarter of the text: refuse absurd links
    // before decoding them.
    if body.len() > limits::MAX_DESIGN_BYTES {
        return Err(ShareError::TooLarge);
    }
    URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|_| ShareError::Encoding)
}

/// The inflated bytes as the design text: the last step of [`decode`].
pub fn text(bytes: Vec<u8>) -> Result<String, ShareError> {
    if bytes.len() > limits::MAX_DESIGN_BYTES {
        return Err(ShareError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_compresses() {
        let text = include_str!("../../../www/examples/shop-web-app.yaml");
        let link = encode(text);
        // Deflate more than pays for base64's third.
        assert!(
            link.len() < text.len() * 2 / 3,
            "{} vs {}",
            link.len(),
            text.len()
        );
        assert!(link
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)));
        assert_eq!(decode(&link).unwrap(), text);
        assert_eq!(decode(&format!("#{link}")).unwrap(), text);
        assert_eq!(decode(&encode("")).unwrap(), "");
        assert_eq!(decode(&encode("이름: 웹")).unwrap(), "이름: 웹");
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let link = encode("name: x\nresources: {}\n");
        assert_eq!(decode("x=abc"), Err(ShareError::NotALink));
        assert_eq!(decode("d=ab$c"), Err(ShareError::Encoding));
        assert_eq!(
            decode(&link[..link.len() - 4]),
            Err(ShareError::Compression)
        );
        let not_text = format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 6))
        );
        assert_eq!(decode(&not_text), Err(ShareError::NotText));
    }

    #[test]
    fn a_compression_bomb_is_refused() {
        let bomb = vec![b'a'; limits::MAX_DESIGN_BYTES + 1];
        let link = format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 9))
        );
        assert!(link.len() < 20_000);
        assert_eq!(decode(&link), Err(ShareError::TooLarge));
    }
}
