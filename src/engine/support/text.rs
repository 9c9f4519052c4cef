//! Small text helpers: quoting a user's or a file's text inside a message of the program's own.
//!
//! Every message that quotes what someone typed or what a file holds goes through [`excerpt`]
//! (through one of the three lengths below), so that a quoted text is bounded, has no control
//! characters, and cannot reorder the message around it.

/// A typed number or date, quoted in a message: at most 24 characters.
pub fn short_value(s: &str) -> String {
    excerpt(s, 24)
}

/// A name, an id or a word the user typed, quoted in a message: at most 40 characters.
pub fn short(s: &str) -> String {
    excerpt(s, 40)
}

/// What a file holds (a key, a path, a version, a parser's own words), quoted in a message: at
/// most 80 characters.
pub fn short_file_text(s: &str) -> String {
    excerpt(s, 80)
}

/// At most `max` characters of a user's or a file's text, for quoting in a message: control
/// characters and bidirectional formatting marks (which could reorder the message as displayed)
/// are left out, and an ellipsis marks a cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let mut out: String = s.chars().filter(|&c| !c.is_control() && !is_bidi_control(c)).take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// A user's or a file's text to be shown inside a sentence of the program's own (a title, an
/// introduction): when it holds bidirectional formatting marks, it is wrapped in FIRST STRONG
/// ISOLATE … POP DIRECTIONAL ISOLATE, so that a right-to-left override in a name cannot reorder
/// the words after it. Any other text is returned as it is, so the text itself is kept verbatim.
pub fn isolate(s: &str) -> String {
    if s.chars().any(is_bidi_control) {
        format!("\u{2068}{s}\u{2069}")
    } else {
        s.to_string()
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolate_wraps_only_text_with_bidi_marks() {
        assert_eq!(isolate("杭州市"), "杭州市");
        assert_eq!(isolate("<script>x</script>"), "<script>x</script>");
        assert_eq!(isolate("杭州\u{202E}市"), "\u{2068}杭州\u{202E}市\u{2069}");
        assert_eq!(isolate("a\u{200F}b"), "\u{2068}a\u{200F}b\u{2069}");
        // The program's text after it is outside the isolate.
        assert!(format!("{}自评", isolate("杭州\u{202E}市")).ends_with("\u{2069}自评"));
    }
}
