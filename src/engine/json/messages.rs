//! serde's and serde_json's messages in Chinese: every syntax error serde_json can report (its
//! error codes) and every deserialisation error serde's `de::Error` can produce (invalid type or
//! value, length, unknown variant or field, missing or duplicate field), with the specifics they
//! carry (the value found, the type expected, the names allowed) in Chinese words. No English
//! reaches a user: a message this module does not know becomes a general Chinese sentence.

use crate::engine::support::num::MAX_DECIMAL_DIGITS;
use crate::engine::support::text::{short, short_file_text, short_value};

/// What is wrong, in Chinese, for a syntax error of serde_json at `line`, `column` of `text`
/// (the text is looked at where the error is, to name a stray byte order mark).
pub fn syntax_text(e: &serde_json::Error, text: &str) -> String {
    let msg = e.to_string();
    let msg = strip_position(&msg);
    let at = char_at(text, e.line(), e.column());
    let invalid = |what: String| format!("不是有效的JSON:{what}");
    match msg {
        "EOF while parsing a list" => eof("一个数组"),
        "EOF while parsing an object" => eof("一个对象"),
        "EOF while parsing a string" => eof("一个字符串"),
        "EOF while parsing a value" => eof("一个值"),
        "expected `:`" => invalid(format!("此处应为冒号「:」(键与值之间){}", found(at))),
        "expected `,` or `]`" => invalid(format!("此处应为逗号「,」或右方括号「]」{}", found(at))),
        "expected `,` or `}`" => invalid(format!("此处应为逗号「,」或右花括号「}}」{}", found(at))),
        "expected ident" => invalid("此处应为 true、false 或 null,拼写不对".into()),
        "expected value" if at == Some('\u{feff}') => {
            invalid("此处有一个多余的字节顺序标记(BOM,⟨U+FEFF⟩):文件开头最多只能有一个,可能是文件被另一个程序再次保存时加上的".into())
        }
        "expected value" => invalid(format!(
            "此处应为一个值(对象、数组、带双引号的字符串、数字、true、false 或 null){}",
            found(at)
        )),
        "expected `\"`" => invalid(format!("此处应为双引号「\"」:对象的键必须写在双引号中{}", found(at))),
        "invalid escape" => {
            invalid("字符串中的转义无效:反斜杠「\\」后只能是 \"、\\、/、b、f、n、r、t,或 u 加四位十六进制数".into())
        }
        "invalid number" => invalid("数字的写法无效".into()),
        "number out of range" => "数字超出范围:数值过大,无法读取".into(),
        "invalid unicode code point" => invalid("字符串中的转义「\\u……」不是有效的字符".into()),
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => invalid(
            "字符串中的转义「\\u……」不完整:「\\u」后应有四位十六进制数字,而 \\uD800–\\uDFFF 之间的转义必须两个成对出现".into(),
        ),
        "key must be a string" => invalid("对象的键必须是写在双引号中的字符串".into()),
        "trailing comma" => invalid("最后一项之后多了一个逗号「,」".into()),
        "trailing characters" => format!("文件末尾有多余内容:一个完整的JSON值之后还有其他字符{}", found(at)),
        "recursion limit exceeded" => "JSON嵌套层次过深(超过128层),不是正常的文件".into(),
        m if m.starts_with("control character") => {
            "字符串中含有控制字符:字符串里的换行、制表符等(U+0000–U+001F)必须写成转义形式(如 \\n、\\u0000)".into()
        }
        m if m.starts_with("invalid value: expected key") || m.starts_with("float key") => {
            invalid("对象的键不是本程序能读取的形式".into())
        }
        // A deserialisation error reported by serde_json while parsing (its `Data` category).
        m => data_text(m),
    }
}

fn eof(inside: &str) -> String {
    format!("文件不完整:在{inside}的中间就结束了(可能在传输或保存时被截断)")
}

/// `(此处是「x」)`, naming the character where the error is, visibly.
fn found(at: Option<char>) -> String {
    match at {
        Some(c) => format!("(此处是「{}」)", short_value(&c.to_string())),
        None => String::new(),
    }
}

/// The character at a 1-based line and column as serde_json counts them (columns in bytes).
fn char_at(text: &str, line: usize, column: usize) -> Option<char> {
    if line == 0 || column == 0 {
        return None;
    }
    let start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)?
    };
    let at = start + column - 1;
    // The column points at the last byte read: back up to the start of its character.
    let mut i = at.min(text.len());
    while i > start && !text.is_char_boundary(i) {
        i -= 1;
    }
    text.get(i..)?.chars().next()
}

/// serde_json's message without its ` at line 3 column 5`.
fn strip_position(msg: &str) -> &str {
    if let Some(i) = msg.rfind(" at line ") {
        let tail = &msg[i + " at line ".len()..];
        let mut parts = tail.split(" column ");
        if let (Some(l), Some(c), None) = (parts.next(), parts.next(), parts.next()) {
            if !l.is_empty() && !c.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) && c.bytes().all(|b| b.is_ascii_digit()) {
                return &msg[..i];
            }
        }
    }
    msg
}

/// A deserialisation error of serde, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataError {
    /// `invalid type: {unexpected}, expected {expected}`.
    InvalidType { unexpected: String, expected: String },
    /// `invalid value: {unexpected}, expected {expected}`.
    InvalidValue { unexpected: String, expected: String },
    /// `invalid length {len}, expected {expected}`.
    InvalidLength { len: String, expected: String },
    /// `unknown variant `x`, expected one of …`: the name found and the names allowed.
    UnknownVariant { name: String, allowed: Vec<String> },
    /// `unknown field `x`, expected one of …`.
    UnknownField { name: String, allowed: Vec<String> },
    MissingField(String),
    DuplicateField(String),
    /// Any other message (a type's own).
    Other(String),
}

impl DataError {
    /// Takes serde's English message apart (the formats of `serde::de::Error`'s provided methods).
    pub fn parse(msg: &str) -> DataError {
        let msg = strip_position(msg);
        let split = |rest: &str| -> Option<(String, String)> {
            let i = rest.rfind(", expected ")?;
            Some((rest[..i].to_string(), rest[i + ", expected ".len()..].to_string()))
        };
        if let Some((unexpected, expected)) = msg.strip_prefix("invalid type: ").and_then(split) {
            return DataError::InvalidType { unexpected, expected };
        }
        if let Some((unexpected, expected)) = msg.strip_prefix("invalid value: ").and_then(split) {
            return DataError::InvalidValue { unexpected, expected };
        }
        if let Some((len, expected)) = msg.strip_prefix("invalid length ").and_then(split) {
            return DataError::InvalidLength { len, expected };
        }
        for (prefix, variant) in [("unknown variant `", true), ("unknown field `", false)] {
            if let Some(rest) = msg.strip_prefix(prefix) {
                let (name, allowed) = if let Some(i) = rest.rfind("`, expected ") {
                    (&rest[..i], names(&rest[i + "`, expected ".len()..]))
                } else if let Some(name) =
                    rest.strip_suffix("`, there are no variants").or_else(|| rest.strip_suffix("`, there are no fields"))
                {
                    (name, Vec::new())
                } else {
                    continue;
                };
                let name = name.to_string();
                return if variant {
                    DataError::UnknownVariant { name, allowed }
                } else {
                    DataError::UnknownField { name, allowed }
                };
            }
        }
        if let Some(name) = msg.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
            return DataError::MissingField(name.to_string());
        }
        if let Some(name) = msg.strip_prefix("duplicate field `").and_then(|r| r.strip_suffix('`')) {
            return DataError::DuplicateField(name.to_string());
        }
        DataError::Other(msg.to_string())
    }
}

/// The names in serde's `one of `a`, `b``, `` `a` or `b` ``, `` `a` ``.
fn names(list: &str) -> Vec<String> {
    list.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// Names allowed, quoted: `「a」「b」「c」` (at most twelve, then `等`).
pub fn quoted_names(names: &[String]) -> String {
    let mut out: String = names.iter().take(12).map(|n| format!("「{}」", short(n))).collect();
    if names.len() > 12 {
        out.push('等');
    }
    out
}

/// What is wrong, in Chinese, for a deserialisation error of serde (a message of `de::Error`).
pub fn data_text(msg: &str) -> String {
    match DataError::parse(msg) {
        DataError::InvalidType { unexpected, expected } => {
            format!("类型错误:应为{},文件中是{}", expected_text(&expected), unexpected_text(&unexpected))
        }
        DataError::InvalidValue { unexpected, expected } if is_decimal(&expected) => {
            format!("不是有效的数字:文件中是{},应为{}", unexpected_text(&unexpected), expected_text(&expected))
        }
        DataError::InvalidValue { unexpected, expected } => {
            format!("取值无效:应为{},文件中是{}", expected_text(&expected), unexpected_text(&unexpected))
        }
        DataError::InvalidLength { len, expected } => {
            format!("长度错误:应为{},文件中有{}个", expected_text(&expected), short_value(&len))
        }
        DataError::UnknownVariant { name, allowed } if allowed.is_empty() => {
            format!("取值无效:「{}」不是可用的取值", short_file_text(&name))
        }
        DataError::UnknownVariant { name, allowed } => {
            format!("取值无效:「{}」不是可用的取值,应为{}之一", short_file_text(&name), quoted_names(&allowed))
        }
        DataError::UnknownField { name, allowed } if allowed.is_empty() => {
            format!("未知字段「{}」:本程序不认识这个字段", short_file_text(&name))
        }
        DataError::UnknownField { name, allowed } => format!(
            "未知字段「{}」:本程序不认识这个字段(可用的字段为{});请检查拼写",
            short_file_text(&name),
            quoted_names(&allowed)
        ),
        DataError::MissingField(name) => format!("缺少字段「{}」", short_file_text(&name)),
        DataError::DuplicateField(name) => format!("字段重复:「{}」出现了两次", short_file_text(&name)),
        DataError::Other(m) if m == "value is missing" => "缺少值".into(),
        // A type's own message in Chinese (a date: `support::dates`).
        DataError::Other(m) if !m.is_ascii() => m,
        DataError::Other(_) => "格式错误:内容不符合本程序的文件格式".into(),
    }
}

/// Whether serde's `expected` names a `Decimal` (rust_decimal's visitor).
pub fn is_decimal(expected: &str) -> bool {
    expected.contains("Decimal")
}

/// What was expected, in Chinese (serde's `Expected`: a visitor's `expecting`).
pub fn expected_text(expected: &str) -> String {
    let e = expected;
    let elements = |s: &str| -> Option<String> {
        let n = s.rsplit(" with ").next()?.strip_suffix(" elements").or_else(|| s.rsplit(" with ").next()?.strip_suffix(" element"))?;
        n.parse::<usize>().ok().map(|n| format!("含{n}个元素的数组"))
    };
    match e {
        "a boolean" | "bool" => "true 或 false".into(),
        "u8" => "0至255之间的整数".into(),
        "u16" => "0至65535之间的整数".into(),
        "u32" => "0至4294967295之间的整数".into(),
        "u64" | "u128" | "usize" => "非负整数".into(),
        "i8" | "i16" | "i64" | "i128" | "isize" => "整数".into(),
        "i32" => "-2147483648至2147483647之间的整数".into(),
        "f32" | "f64" => "数字".into(),
        "a character" | "char" => "单个字符".into(),
        "a string" | "a borrowed string" | "string" => "字符串".into(),
        "a sequence" | "fewer elements in array" | "tuple variant" => "数组".into(),
        "a map" | "fewer elements in map" | "struct variant" | "newtype variant" => "对象".into(),
        "option" => "一个值或 null".into(),
        "unit" => "null".into(),
        "any valid JSON value" | "anything at all" => "JSON值".into(),
        "map with a single key" => "只含一个键的对象".into(),
        "string or map" => "字符串或对象".into(),
        "variant identifier" => "规定的取值名".into(),
        "field identifier" => "字段名".into(),
        e if is_decimal(e) => {
            format!("最多{MAX_DECIMAL_DIGITS}位有效数字的十进制数,写作带双引号的字符串(如 \"2.5\")")
        }
        e if e.starts_with("tuple of ") => e
            .strip_prefix("tuple of ")
            .and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
            .map_or("数组".into(), |n| format!("含{n}个元素的数组")),
        e if e.contains(" with ") && (e.starts_with("struct ") || e.starts_with("tuple")) => {
            elements(e).unwrap_or_else(|| "数组".into())
        }
        e if e.starts_with("struct ") || e.contains("tagged enum") => "对象".into(),
        e if e.starts_with("enum ") => "规定的取值之一".into(),
        e if e.starts_with("tuple") => "数组".into(),
        _ => "本程序规定的格式".into(),
    }
}

/// The value found, in Chinese (serde's `Unexpected`, as displayed).
pub fn unexpected_text(unexpected: &str) -> String {
    let ticked = |prefix: &str| unexpected.strip_prefix(prefix).and_then(|r| r.strip_suffix('`'));
    if let Some(b) = ticked("boolean `") {
        return b.to_string();
    }
    if let Some(n) = ticked("integer `") {
        return format!("整数 {}", short_value(n));
    }
    if let Some(x) = ticked("floating point `") {
        let big = x.contains(['e', 'E', 'i', 'N']) || x.parse::<f64>().map_or(true, |f| f.abs() >= 1e15);
        return if big { "超出可读范围的数字".into() } else { format!("小数 {}", short_value(x)) };
    }
    if let Some(c) = ticked("character `") {
        return format!("字符「{}」", short_value(c));
    }
    if let Some(s) = unexpected.strip_prefix("string ") {
        return format!("字符串「{}」", short_file_text(&debug_unescape(s)));
    }
    match unexpected {
        "unit value" => "null".into(),
        "Option value" => "可选值".into(),
        "byte array" => "字节串".into(),
        "newtype struct" => "值".into(),
        "sequence" => "数组".into(),
        "map" => "对象".into(),
        "enum" => "枚举值".into(),
        "unit variant" => "不带内容的取值".into(),
        "newtype variant" | "tuple variant" | "struct variant" => "带内容的取值".into(),
        _ => "其他值".into(),
    }
}

/// A string as Rust's `{:?}` wrote it (`"a\"b\u{202e}"`), back to its text.
fn debug_unescape(quoted: &str) -> String {
    let inner = quoted.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(quoted);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Two English words in a row, outside 「…」 quotes (field names are quoted).
#[cfg(test)]
pub(crate) fn has_english(m: &str) -> bool {
    let mut outside = String::new();
    let mut depth = 0;
    for c in m.chars() {
        match c {
            '「' => depth += 1,
            '」' => depth = (depth - 1).max(0),
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = outside.split(|c: char| !c.is_ascii_alphabetic()).collect();
    outside
        .split(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
        .any(|run| run.split(' ').filter(|w| w.len() >= 2).count() >= 2 && !run.contains("true") && !run.contains("null"))
        || words.iter().any(|w| ENGLISH.contains(w))
}

#[cfg(test)]
const ENGLISH: &[&str] = &["expected", "invalid", "unknown", "missing", "EOF", "escape", "type", "value", "field", "string", "integer", "sequence", "map", "struct", "enum", "variant", "parsing", "trailing", "characters", "line", "column"];

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(text: &str) -> String {
        let e = serde_json::from_str::<serde_json::Value>(text).expect_err("a syntax error");
        syntax_text(&e, text)
    }

    #[test]
    fn every_syntax_error_is_chinese() {
        let cases = [
            ("[1", "在一个数组的中间"),
            ("{\"a\":1", "在一个对象的中间"),
            ("\"ab", "在一个字符串的中间"),
            ("{\"a\":", "在一个值的中间"),
            ("{\"a\" 1}", "冒号"),
            ("[1 2]", "逗号「,」或右方括号"),
            ("{\"a\":1 \"b\":2}", "逗号「,」或右花括号"),
            ("[tru]", "true、false 或 null"),
            ("[x]", "此处是「x」"),
            ("\u{feff}{}", "字节顺序标记"),
            ("{a:1}", "双引号"),
            ("\"\\x\"", "转义无效"),
            ("[-]", "数字的写法无效"),
            ("1e400", "数字超出范围"),
            ("\"\\ud800\"", "成对"),
            ("\"\\ud800\\u0041\"", "成对"),
            ("\"\\u12zz\"", "四位十六进制"),
            ("\"a\u{1}\"", "控制字符"),
            ("[1,]", "多了一个逗号"),
            ("{} x", "文件末尾有多余内容"),
            (&"[".repeat(200), "嵌套层次过深"),
        ];
        for (text, want) in cases {
            let m = syntax(text);
            assert!(m.contains(want), "{text:?}: {m}");
            assert!(!has_english(&m), "{text:?}: {m}");
        }
        // A second byte order mark: named, not "expected value".
        let m = syntax("\u{feff}\u{feff}{}".strip_prefix('\u{feff}').unwrap());
        assert!(m.contains("⟨U+FEFF⟩"), "{m}");
    }

    #[test]
    fn every_serde_message_is_chinese() {
        let cases = [
            ("invalid type: string \"a\\\"b\\u{202e}\", expected u32", "类型错误:应为0至4294967295之间的整数,文件中是字符串「a\"b⟨U+202E⟩」"),
            ("invalid type: integer `5`, expected a string", "类型错误:应为字符串,文件中是整数 5"),
            ("invalid type: floating point `1.8446744073709552e19`, expected u32", "类型错误:应为0至4294967295之间的整数,文件中是超出可读范围的数字"),
            ("invalid type: floating point `0.5`, expected i128", "类型错误:应为整数,文件中是小数 0.5"),
            ("invalid type: map, expected a sequence", "类型错误:应为数组,文件中是对象"),
            ("invalid type: sequence, expected struct Subject", "类型错误:应为对象,文件中是数组"),
            ("invalid type: unit value, expected a boolean", "类型错误:应为true 或 false,文件中是null"),
            ("invalid type: boolean `true`, expected internally tagged enum Rule", "类型错误:应为对象,文件中是true"),
            ("invalid value: integer `-3`, expected u32", "取值无效:应为0至4294967295之间的整数,文件中是整数 -3"),
            ("invalid value: string \"ab\", expected a character", "取值无效:应为单个字符,文件中是字符串「ab」"),
            ("invalid value: string \"4,4\", expected a Decimal type representing a fixed-point number", "不是有效的数字:文件中是字符串「4,4」"),
            ("invalid length 3, expected struct Inner with 2 elements", "长度错误:应为含2个元素的数组,文件中有3个"),
            ("invalid length 3, expected fewer elements in array", "长度错误:应为数组,文件中有3个"),
            ("unknown variant `city`, expected one of `a`, `b`, `c`", "取值无效:「city」不是可用的取值,应为「a」「b」「c」之一"),
            ("unknown variant `x`, expected `a` or `b`", "「a」「b」之一"),
            ("unknown variant `x`, there are no variants", "取值无效:「x」不是可用的取值"),
            ("unknown field `nmae`, expected `name` or `unit`", "未知字段「nmae」:本程序不认识这个字段(可用的字段为「name」「unit」);请检查拼写"),
            ("unknown field `x`, there are no fields", "未知字段「x」:本程序不认识这个字段"),
            ("missing field `subject`", "缺少字段「subject」"),
            ("duplicate field `alias`", "字段重复:「alias」出现了两次"),
            ("value is missing", "缺少值"),
            ("something a type said", "格式错误:内容不符合本程序的文件格式"),
        ];
        for (en, zh) in cases {
            let m = data_text(en);
            assert!(m.starts_with(zh) || m.contains(zh), "{en}: {m}");
            assert!(!has_english(&m), "{en}: {m}");
        }
    }

    #[test]
    fn english_is_found_outside_quotes() {
        assert!(has_english("不是有效的JSON:应为(expected value)"));
        assert!(has_english("格式错误(unexpected end of hex escape)"));
        assert!(has_english("类型错误(invalid type: map)"));
        assert!(!has_english("缺少字段「format_version」:「invalid type here」"));
        assert!(!has_english("应为 true、false 或 null,文件中是整数 5"));
    }

    #[test]
    fn values_with_commas_and_backticks_are_taken_apart_right() {
        let e = DataError::parse("invalid type: string \"a, expected b\", expected u32");
        assert_eq!(e, DataError::InvalidType { unexpected: "string \"a, expected b\"".into(), expected: "u32".into() });
        let e = DataError::parse("unknown field `a`, expected `b``, expected `c` or `d`");
        assert_eq!(e, DataError::UnknownField { name: "a`, expected `b`".into(), allowed: vec!["c".into(), "d".into()] });
    }
}
