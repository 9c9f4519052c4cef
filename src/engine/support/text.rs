//! Small text helpers: quoting a user's or a file's text inside a message of the program's own.
//!
//! Every message that quotes what someone typed or what a file holds goes through [`excerpt`]
//! (through one of the three lengths below), so that a quoted text is bounded, shows exactly what
//! was typed (a character that cannot be seen is named, `⟨U+200B⟩`, and spaces at either end are
//! shown, `⟨空格⟩`), and cannot reorder the message around it.

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

/// A user's or a file's text for quoting in a message, at most `max` characters as shown (an
/// ellipsis marks a cut). Nothing is left out or hidden: a character that cannot be seen, that
/// looks like another one (a no-break space) or that could reorder the message as displayed
/// (control characters, bidirectional marks, zero-width and other format characters) is shown by
/// its code point, `⟨U+202E⟩`; a space at either end is shown as `⟨空格⟩` (`⟨全角空格⟩` for U+3000).
/// So `「4.1⟨U+202E⟩」` says why `4.1` was not found, and `「1⟨U+200B⟩.8」` why `1.8` is not a number.
pub fn excerpt(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().take(max.saturating_add(1)).collect();
    let total = if chars.len() > max { None } else { Some(chars.len()) };
    // Where the text's ends are: its first and last characters that are not ASCII or full-width spaces.
    let is_space = |c: char| c == ' ' || c == '\u{3000}';
    let first = chars.iter().position(|&c| !is_space(c)).unwrap_or(chars.len());
    let last = chars.iter().rposition(|&c| !is_space(c)).map_or(0, |i| i + 1);
    let mut out = String::new();
    let mut shown = 0;
    for (i, &c) in chars.iter().enumerate() {
        let at_end = i < first || (total.is_some() && i >= last);
        let piece = match c {
            ' ' if at_end => "⟨空格⟩".to_string(),
            '\u{3000}' if at_end => "⟨全角空格⟩".to_string(),
            c if is_invisible(c) => format!("⟨U+{:04X}⟩", c as u32),
            c => c.to_string(),
        };
        let len = piece.chars().count();
        if shown + len > max {
            out.push('…');
            return out;
        }
        out.push_str(&piece);
        shown += len;
    }
    if total.is_none() {
        out.push('…');
    }
    out
}

/// Characters that cannot be seen or that could reorder a text around them: control characters,
/// bidirectional marks, zero-width and other format characters, spaces other than the ASCII and
/// the full-width one, invisible fillers and joiners, variation selectors, tags, private use and
/// noncharacters.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{00A0}' | '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{1680}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{2000}'..='\u{200F}'
                | '\u{2028}'..='\u{202F}'
                | '\u{205F}'..='\u{206F}'
                | '\u{2800}' | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}' | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{FFFE}' | '\u{FFFF}'
                | '\u{E000}'..='\u{F8FF}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
                | '\u{F0000}'..='\u{10FFFF}'
        )
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

    #[test]
    fn invisible_characters_are_named_not_dropped() {
        assert_eq!(short("4.1\u{202E}"), "4.1⟨U+202E⟩");
        assert_eq!(short("1\u{200B}.8"), "1⟨U+200B⟩.8");
        assert_eq!(short("\u{FEFF}浙江\u{200D}"), "⟨U+FEFF⟩浙江⟨U+200D⟩");
        assert_eq!(short("a\tb\nc\0"), "a⟨U+0009⟩b⟨U+000A⟩c⟨U+0000⟩");
        assert_eq!(short("1\u{00A0}000"), "1⟨U+00A0⟩000", "a no-break space looks like a space but is not one");
        assert_eq!(short("\u{1b}[31m"), "⟨U+001B⟩[31m");
        assert_eq!(short("\u{E0041}"), "⟨U+E0041⟩");
        // Ordinary text is quoted as it is: Chinese, spaces inside, punctuation, emoji.
        assert_eq!(short("上海市 浦东新区"), "上海市 浦东新区");
        assert_eq!(short("<script>&amp;"), "<script>&amp;");
        assert_eq!(short("a\u{3000}b"), "a\u{3000}b");
    }

    #[test]
    fn spaces_at_either_end_are_shown() {
        assert_eq!(short(" 浙江"), "⟨空格⟩浙江");
        assert_eq!(short("浙江  "), "浙江⟨空格⟩⟨空格⟩");
        assert_eq!(short("\u{3000}浙江"), "⟨全角空格⟩浙江");
        assert_eq!(short(" "), "⟨空格⟩");
        assert_eq!(short(""), "");
    }

    #[test]
    fn excerpts_are_bounded_as_shown() {
        assert_eq!(excerpt("一二三四五", 3), "一二三…");
        assert_eq!(excerpt("一二三", 3), "一二三");
        // The names of invisible characters count toward the length.
        let shown = excerpt(&"\u{202E}".repeat(1000), 40);
        assert!(shown.chars().count() <= 41, "{shown}");
        assert!(shown.starts_with("⟨U+202E⟩") && shown.ends_with('…'), "{shown}");
        // A cut text's end is not its end: trailing spaces inside are not marked.
        assert_eq!(excerpt("ab  cd", 4), "ab  …");
        for s in ["\u{202E}x", "\u{2066}x\u{2069}", "x\u{200F}"] {
            assert!(!excerpt(s, 40).chars().any(is_bidi_control), "{s:?}");
        }
    }
}
