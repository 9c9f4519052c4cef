//! What the command line prints, made safe for a terminal: characters that a terminal does not
//! show, or that reorder the line around them (a right-to-left override in a file name), are
//! written visibly in human-readable lines (`⟨U+202E⟩`) and as `\uXXXX` escapes in JSON (the
//! value stays exact: a script reads back the very name).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Characters that must not reach a terminal as they are: control characters (C0, DEL, C1),
/// bidirectional formatting marks, line and paragraph separators, and the invisible format
/// characters (zero-width spaces and joiners, word joiners, the byte order mark, soft hyphen,
/// Hangul fillers, tag characters).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// A text for a human-readable line: every unsafe character written as `⟨U+202E⟩`.
pub fn visible(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes one human-readable line (made [`visible`]).
pub fn line(w: &mut dyn Write, s: &str) {
    let _ = writeln!(w, "{}", visible(s));
}

/// Pretty JSON whose strings escape every unsafe character as `\uXXXX` (serde_json escapes only
/// the C0 controls, quotes and backslashes).
struct SafePretty(PrettyFormatter<'static>);

impl Formatter for SafePretty {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", u)?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // What PrettyFormatter does differently from the default formatter: indentation.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty JSON with unsafe characters escaped, and a final newline.
pub fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafePretty(PrettyFormatter::new()));
    // Plain data (strings, numbers, lists): serialising it into memory cannot fail.
    let _ = value.serialize(&mut ser);
    buf.push(b'\n');
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_shown_and_escaped() {
        assert_eq!(visible("a\u{202E}b.json"), "a⟨U+202E⟩b.json");
        assert_eq!(visible("x\ty\u{7}"), "x⟨U+0009⟩y⟨U+0007⟩");
        assert_eq!(visible("杭州市.json"), "杭州市.json");
        assert_eq!(visible("1\u{200B}.8"), "1⟨U+200B⟩.8");
        let text = String::from_utf8(json(&vec!["a\u{202E}b", "\u{E0041}", "\u{85}", "杭州\"\n"])).unwrap();
        assert_eq!(text, "[\n  \"a\\u202eb\",\n  \"\\udb40\\udc41\",\n  \"\\u0085\",\n  \"杭州\\\"\\n\"\n]\n");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ["a\u{202E}b", "\u{E0041}", "\u{85}", "杭州\"\n"]);
    }
}
