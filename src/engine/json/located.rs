//! Deserialising a parsed `Value` into a type, with the path of the first error
//! (`dimensions[0].indicators[2].items[1].rule.per`).
//!
//! A deserialiser over `&Value` that keeps a stack of where it is: a sequence element, a map
//! value or an enum variant's content pushes its step before it is read and pops it once read.
//! The first error ends the whole deserialisation, so the stack is then the error's path. The
//! type's visitors are handed to it unwrapped: each type's deserialiser is compiled once, not
//! once more per wrapper, which is what makes this much smaller than `serde_path_to_error` in the
//! wasm build. Paths and messages are those `serde_path_to_error` gives over serde_json's own
//! `&Value` deserialiser (the tests below compare the two), except that map keys are always
//! read as strings (serde_json would parse a key for a map with integer keys; the engine has
//! none).

use std::cell::Cell;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Error as _, Unexpected, Visitor};
use serde_json::{Error, Map, Value};

/// Deserialises `value` into `T`; on error, where (the path into `value`) and what.
pub(crate) fn deserialize<T: de::DeserializeOwned>(value: &Value) -> Result<T, LocatedError> {
    let stack = Cell::new(Vec::new());
    T::deserialize(Located { value, stack: &stack }).map_err(|e| located(stack.take(), &e))
}

/// The error with the stack as it was when it happened.
fn located(stack: Vec<Step<'_>>, e: &Error) -> LocatedError {
    LocatedError { path: Path { segments: stack.into_iter().map(Step::segment).collect() }, message: e.to_string() }
}

/// A deserialisation error and where it is.
#[derive(Debug, Clone)]
pub(crate) struct LocatedError {
    path: Path,
    message: String,
}

impl LocatedError {
    /// Where the error is: the value that is wrong, or the object an unknown field is in (the
    /// path then ends with that field), or the struct a missing field belongs to.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// What is wrong, as serde says it (e.g. missing field `id`).
    pub(crate) fn message(&self) -> &str {
        &self.message
    }
}

/// Path of a value within the deserialised one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Path {
    segments: Vec<Segment>,
}

/// One step of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// An element of an array.
    Seq { index: usize },
    /// A value of an object (a struct field or a map entry).
    Map { key: String },
    /// The content of an enum variant (`{"variant": content}`).
    Enum { variant: String },
}

impl Path {
    /// The steps from the outside in.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Segment> {
        self.segments.iter()
    }
}

/// `a.b[2].c` (an index joins without a dot); `.` for the whole value.
impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str(".");
        }
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Seq { index } => write!(f, "[{index}]")?,
                Segment::Map { key: name } | Segment::Enum { variant: name } => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
            }
        }
        Ok(())
    }
}

/// A step of the stack, borrowed from the value being read.
enum Step<'de> {
    Seq(usize),
    Map(&'de str),
    Enum(&'de str),
}

impl Step<'_> {
    fn segment(self) -> Segment {
        match self {
            Step::Seq(index) => Segment::Seq { index },
            Step::Map(key) => Segment::Map { key: key.to_owned() },
            Step::Enum(variant) => Segment::Enum { variant: variant.to_owned() },
        }
    }
}

type Stack<'de> = Cell<Vec<Step<'de>>>;

fn push<'de>(stack: &Stack<'de>, step: Step<'de>) {
    let mut steps = stack.take();
    steps.push(step);
    stack.set(steps);
}

fn pop(stack: &Stack<'_>) {
    let mut steps = stack.take();
    steps.pop();
    stack.set(steps);
}

/// Deserialises `value` one step further down: pushes `step`, pops it only on success.
fn nested<'de, T: DeserializeSeed<'de>>(
    seed: T,
    value: &'de Value,
    stack: &Stack<'de>,
    step: Step<'de>,
) -> Result<T::Value, Error> {
    push(stack, step);
    let out = seed.deserialize(Located { value, stack })?;
    pop(stack);
    Ok(out)
}

/// What serde_json's own `&Value` deserialiser names a value in "invalid type" errors.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// A `Value` and the shared stack of where it is. Semantics of every method as serde_json's
/// `impl Deserializer for &Value`; scalars are read by that very implementation.
#[derive(Clone, Copy)]
struct Located<'a, 'de> {
    value: &'de Value,
    stack: &'a Stack<'de>,
}

impl<'de> Located<'_, 'de> {
    fn invalid_type(&self, expected: &dyn de::Expected) -> Error {
        Error::invalid_type(unexpected(self.value), expected)
    }

    fn visit_array<V: Visitor<'de>>(&self, array: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        let mut seq = SeqAccess { iter: array.iter(), index: 0, stack: self.stack };
        let out = visitor.visit_seq(&mut seq)?;
        if seq.iter.len() == 0 {
            Ok(out)
        } else {
            Err(Error::invalid_length(array.len(), &"fewer elements in array"))
        }
    }

    fn visit_object<V: Visitor<'de>>(&self, object: &'de Map<String, Value>, visitor: V) -> Result<V::Value, Error> {
        let mut map = MapAccess { iter: object.iter(), value: None, stack: self.stack };
        let out = visitor.visit_map(&mut map)?;
        if map.iter.len() == 0 {
            Ok(out)
        } else {
            Err(Error::invalid_length(object.len(), &"fewer elements in map"))
        }
    }
}

/// Scalars: serde_json's own reading (its visitors never come back here).
macro_rules! scalar {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                de::Deserializer::$method(self.value, visitor)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for Located<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => de::Deserializer::deserialize_any(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => self.visit_array(a, visitor),
            Value::Object(o) => self.visit_object(o, visitor),
        }
    }

    scalar! {
        deserialize_bool deserialize_char deserialize_str deserialize_string deserialize_identifier
        deserialize_unit
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => self.visit_array(a, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_unit(self.value, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(a) => self.visit_array(a, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(o) => self.visit_object(o, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(a) => self.visit_array(a, visitor),
            Value::Object(o) => self.visit_object(o, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    /// A unit variant as a string, any variant as an object with a single key.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let stack = self.stack;
        match self.value {
            Value::String(variant) => visitor.visit_enum(Variant { variant, content: None, stack }),
            Value::Object(o) => {
                let mut entries = o.iter();
                match (entries.next(), entries.next()) {
                    (Some((variant, content)), None) => {
                        visitor.visit_enum(Variant { variant, content: Some(content), stack })
                    }
                    _ => Err(Error::invalid_value(Unexpected::Map, &"map with a single key")),
                }
            }
            _ => Err(Error::invalid_type(unexpected(self.value), &"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct SeqAccess<'a, 'de> {
    iter: std::slice::Iter<'de, Value>,
    index: usize,
    stack: &'a Stack<'de>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.iter.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        nested(seed, value, self.stack, Step::Seq(index)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct MapAccess<'a, 'de> {
    iter: serde_json::map::Iter<'de>,
    /// The entry whose key was read last.
    value: Option<(&'de str, &'de Value)>,
    stack: &'a Stack<'de>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, 'de> {
    type Error = Error;

    /// Keys are read as strings (every map of the engine's types has string keys). A key that is
    /// refused (`unknown field`) is located at that key.
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else { return Ok(None) };
        self.value = Some((key, value));
        match seed.deserialize(BorrowedStrDeserializer::<Error>::new(key)) {
            Ok(k) => Ok(Some(k)),
            Err(e) => {
                push(self.stack, Step::Map(key));
                Err(e)
            }
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        match self.value.take() {
            Some((key, value)) => nested(seed, value, self.stack, Step::Map(key)),
            None => Err(Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum's variant name and its content (`None` for a unit variant written as a string).
struct Variant<'a, 'de> {
    variant: &'de str,
    content: Option<&'de Value>,
    stack: &'a Stack<'de>,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let v = seed.deserialize(StrDeserializer::<Error>::new(self.variant))?;
        Ok((v, self))
    }
}

impl<'de> Variant<'_, 'de> {
    /// Reads the content with the variant on the stack; pops it only on success.
    fn content<T>(self, read: impl FnOnce(Option<Located<'_, 'de>>) -> Result<T, Error>) -> Result<T, Error> {
        push(self.stack, Step::Enum(self.variant));
        let out = read(self.content.map(|value| Located { value, stack: self.stack }))?;
        pop(self.stack);
        Ok(out)
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        self.content(|content| match content {
            Some(content) => de::Deserialize::deserialize(content.value),
            None => Ok(()),
        })
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        self.content(|content| match content {
            Some(content) => seed.deserialize(content),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &"newtype variant")),
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.content(|content| match content {
            Some(content @ Located { value: Value::Array(a), .. }) => {
                if a.is_empty() {
                    visitor.visit_unit()
                } else {
                    content.visit_array(a, visitor)
                }
            }
            Some(content) => Err(Error::invalid_type(unexpected(content.value), &"tuple variant")),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &"tuple variant")),
        })
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        self.content(|content| match content {
            Some(content @ Located { value: Value::Object(o), .. }) => content.visit_object(o, visitor),
            Some(content) => Err(Error::invalid_type(unexpected(content.value), &"struct variant")),
            None => Err(Error::invalid_type(Unexpected::UnitVariant, &"struct variant")),
        })
    }
}

/// What the tests of the engine's own types (in `io::reader_paths`) share with the tests below:
/// reading a value both ways and comparing, and random changes to a value.
#[cfg(test)]
pub(crate) mod testing {
    use proptest::prelude::*;

    use super::*;

    fn reference_segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
        use serde_path_to_error::Segment as S;
        path.iter()
            .map(|s| match s {
                S::Seq { index } => Segment::Seq { index: *index },
                S::Map { key } => Segment::Map { key: key.clone() },
                S::Enum { variant } => Segment::Enum { variant: variant.clone() },
                S::Unknown => panic!("the reference gave an unknown segment"),
            })
            .collect()
    }

    /// Reads `value` as `T` both ways and asserts that ours gives what `serde_path_to_error`
    /// over serde_json's `&Value` gives: the same value, or an error with the same path (each
    /// segment, and as text) and the same message. Returns ours as (path, message).
    pub(crate) fn check<T: de::DeserializeOwned + PartialEq + fmt::Debug>(value: &Value) -> Result<T, (String, String)> {
        let ours = deserialize::<T>(value);
        let reference = serde_path_to_error::deserialize::<_, T>(value);
        match (ours, reference) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{value}");
                Ok(a)
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.message(), b.inner().to_string(), "{value}");
                assert_eq!(a.path().to_string(), b.path().to_string(), "{}: {value}", a.message());
                assert_eq!(a.path().segments, reference_segments(b.path()), "{value}");
                Err((a.path().to_string(), a.message().to_string()))
            }
            (a, b) => panic!("ours: {:?}; reference: {:?}; {value}", a.map(|_| ()), b.map(|_| ())),
        }
    }

    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match v {
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
            Value::Object(m) => m
                .iter()
                .for_each(|(k, x)| pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
            _ => {}
        }
    }

    /// A change to one node: replaced by `new`, removed from its container, given one more
    /// entry (`key`: `new`) or element, or (an object) its first key renamed to `key`.
    fn mutate(v: &mut Value, node: prop::sample::Index, how: u8, key: &str, new: Value) {
        let mut all = Vec::new();
        pointers(v, String::new(), &mut all);
        let at = node.get(&all).clone();
        if how == 1 {
            if let Some((parent, last)) = at.rsplit_once('/') {
                match v.pointer_mut(parent) {
                    Some(Value::Object(m)) => {
                        m.remove(&last.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(a)) => {
                        a.remove(last.parse::<usize>().expect("an index"));
                    }
                    _ => {}
                }
                return;
            }
        }
        let Some(target) = v.pointer_mut(&at) else { return };
        match (how, target) {
            (2, Value::Object(m)) => {
                m.insert(key.to_string(), new);
            }
            (2, Value::Array(a)) => a.push(new),
            (3, Value::Object(m)) => {
                if let Some(first) = m.keys().next().cloned() {
                    if let Some(x) = m.remove(&first) {
                        m.insert(key.to_string(), x);
                    }
                }
            }
            (3, Value::Array(a)) if !a.is_empty() => {
                let first = a[0].clone();
                a.push(first);
            }
            (_, target) => *target = new,
        }
    }

    pub(crate) fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e9f64..1e9).prop_map(Value::from),
            prop::sample::select(vec![
                "1.5",
                "abc",
                "",
                "-0",
                "1e3",
                "1e99",
                "2024-02-30",
                "gt",
                "fixed",
                "judged",
                "province",
                "apply",
                "D1",
            ])
            .prop_map(Value::from),
            "[a-z_]{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
                prop::collection::btree_map(any_key(), inner, 0..3)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn any_key() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "kind", "id", "x", "fixed", "input", "values", "score", "points", "t", "c", "a", "Tuple", "Struct",
                "aka",
            ])
            .prop_map(String::from),
            "[a-z]{1,4}",
        ]
    }

    pub(crate) fn mutations() -> impl Strategy<Value = Vec<(prop::sample::Index, u8, String, Value)>> {
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any_key(), any_value()), 1..4)
    }

    pub(crate) fn mutated(mut v: Value, changes: Vec<(prop::sample::Index, u8, String, Value)>) -> Value {
        for (node, how, key, new) in changes {
            mutate(&mut v, node, how, &key, new);
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use serde::Deserialize;
    use serde_json::json;

    use super::testing::{any_value, check, mutated, mutations};
    use super::*;
    use crate::engine::support::dates::Date;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        name: String,
        #[serde(default)]
        count: u8,
        maybe: Option<i32>,
        items: Vec<Inner>,
        #[serde(default)]
        map: BTreeMap<String, Inner>,
        kind: Kind,
        #[serde(default)]
        tagged: Vec<Tagged>,
        #[serde(default)]
        adjacent: Option<Adjacent>,
        #[serde(default)]
        untagged: Option<Untagged>,
        #[serde(default)]
        pair: Option<(u32, String)>,
        #[serde(default)]
        newtype: Option<Newtype>,
        #[serde(default)]
        unit: Option<UnitStruct>,
        #[serde(default)]
        amount: Option<Decimal>,
        #[serde(default)]
        date: Option<Date>,
        #[serde(default, alias = "aka")]
        alias: u32,
        #[serde(default)]
        ch: Option<char>,
        #[serde(default)]
        float: f64,
        #[serde(default)]
        big: i128,
        #[serde(default)]
        flat: Option<Flat>,
        #[serde(default)]
        nested: Vec<Vec<Option<bool>>>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        x: u32,
        #[serde(default)]
        note: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Kind {
        Unit,
        Newtype(u32),
        Tuple(u32, String),
        Struct { a: u32 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
    enum Tagged {
        A { x: u32 },
        B { y: Vec<u32> },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "t", content = "c")]
    enum Adjacent {
        A(u32),
        B { x: String },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Untagged {
        N(u32),
        S { s: String },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Newtype(u32);

    #[derive(Debug, PartialEq, Deserialize)]
    struct UnitStruct;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Flat {
        a: u32,
        #[serde(flatten)]
        rest: BTreeMap<String, u32>,
    }

    fn outer() -> Value {
        json!({
            "name": "n",
            "count": 3,
            "maybe": null,
            "items": [{"x": 1}, {"x": 2, "note": "two"}],
            "map": {"k": {"x": 3}},
            "kind": {"Struct": {"a": 1}},
            "tagged": [{"kind": "a", "x": 1}, {"kind": "b", "y": [1, 2]}],
            "adjacent": {"t": "B", "c": {"x": "s"}},
            "untagged": {"s": "t"},
            "pair": [1, "one"],
            "newtype": 4,
            "unit": null,
            "amount": "1.25",
            "date": "2024-02-29",
            "aka": 7,
            "ch": "c",
            "float": 1.5,
            "big": -3,
            "flat": {"a": 1, "b": 2},
            "nested": [[true, null], []]
        })
    }

    /// `outer()` with the value at `pointer` replaced (`None`: removed).
    fn outer_with(pointer: &str, new: Option<Value>) -> Value {
        let mut v = outer();
        let (parent, last) = pointer.rsplit_once('/').expect("a pointer");
        let parent = v.pointer_mut(parent).expect("an existing parent");
        match (parent, new) {
            (Value::Object(m), Some(new)) => {
                m.insert(last.to_string(), new);
            }
            (Value::Object(m), None) => {
                m.remove(last);
            }
            (Value::Array(a), Some(new)) => a[last.parse::<usize>().expect("an index")] = new,
            (Value::Array(a), None) => {
                a.remove(last.parse::<usize>().expect("an index"));
            }
            _ => panic!("no container at {pointer}"),
        }
        v
    }

    #[test]
    fn paths_display_as_serde_path_to_error_does() {
        let path = |segments: Vec<Segment>| Path { segments }.to_string();
        assert_eq!(path(vec![]), ".");
        assert_eq!(path(vec![Segment::Seq { index: 3 }]), "[3]");
        assert_eq!(
            path(vec![
                Segment::Map { key: "a".into() },
                Segment::Seq { index: 0 },
                Segment::Seq { index: 1 },
                Segment::Enum { variant: "fixed".into() },
                Segment::Map { key: "".into() },
            ]),
            "a[0][1].fixed."
        );
        assert_eq!(path(vec![Segment::Seq { index: 0 }, Segment::Map { key: "b".into() }]), "[0].b");
    }

    #[test]
    fn locates_like_serde_path_to_error() {
        assert!(check::<Outer>(&outer()).is_ok());
        // (where, the new value or none to remove it, the path and the start of the message; an
        // empty path: read without error)
        let cases: &[(&str, Option<Value>, &str, &str)] = &[
            ("/items/1/x", Some(json!("no")), "items[1].x", "invalid type: string \"no\", expected u32"),
            ("/items/0/x", None, "items[0]", "missing field `x`"),
            ("/items/0/extra", Some(json!(1)), "items[0].extra", "unknown field `extra`"),
            ("/items", Some(json!({})), "items", "invalid type: map, expected a sequence"),
            ("/map/k/x", Some(json!(-1)), "map.k.x", "invalid value: integer `-1`, expected u32"),
            ("/map", Some(json!([])), "map", "invalid type: sequence, expected a map"),
            ("/name", Some(Value::Null), "name", "invalid type: null, expected a string"),
            ("/name", None, ".", "missing field `name`"),
            ("/count", Some(json!(300)), "count", "invalid value: integer `300`, expected u8"),
            ("/count", Some(json!(1.5)), "count", "invalid type: floating point `1.5`, expected u8"),
            ("/maybe", Some(json!("x")), "maybe", "invalid type: string \"x\", expected i32"),
            ("/kind", Some(json!("Bogus")), "kind", "unknown variant `Bogus`"),
            ("/kind", Some(json!("Newtype")), "kind.Newtype", "invalid type: unit variant, expected newtype variant"),
            ("/kind", Some(json!({"Unit": 1})), "kind.Unit", "invalid type: integer `1`, expected unit"),
            ("/kind", Some(json!({"Newtype": "x"})), "kind.Newtype", "invalid type: string \"x\""),
            ("/kind", Some(json!({"Tuple": [1]})), "kind.Tuple", "invalid length 1"),
            ("/kind", Some(json!({"Tuple": [1, 2]})), "kind.Tuple[1]", "invalid type: integer `2`"),
            ("/kind", Some(json!({"Tuple": 1})), "kind.Tuple", "invalid type: integer `1`, expected tuple variant"),
            ("/kind", Some(json!({"Struct": {"a": "1"}})), "kind.Struct.a", "invalid type: string \"1\""),
            ("/kind", Some(json!({"Struct": []})), "kind.Struct", "invalid type: sequence, expected struct variant"),
            ("/kind", Some(json!({"A": 1, "B": 2})), "kind", "invalid value: map, expected map with a single key"),
            ("/kind", Some(json!({})), "kind", "invalid value: map, expected map with a single key"),
            ("/kind", Some(json!(5)), "kind", "invalid type: integer `5`, expected string or map"),
            ("/tagged/1/y/1", Some(json!("2")), "tagged[1]", "invalid type: string \"2\", expected u32"),
            ("/tagged/0/kind", Some(json!("zzz")), "tagged[0].kind", "unknown variant `zzz`"),
            ("/tagged/0/kind", None, "tagged[0]", "missing field `kind`"),
            ("/tagged/0/extra", Some(json!(1)), "tagged[0]", "unknown field `extra`"),
            ("/adjacent", Some(json!({"t": "A", "c": "x"})), "adjacent", "invalid type: string \"x\""),
            ("/adjacent", Some(json!({"c": 1, "t": "A"})), "", ""),
            ("/adjacent", Some(json!({"c": "x", "t": "A"})), "adjacent", "invalid type: string \"x\", expected u32"),
            ("/adjacent", Some(json!({"t": "C"})), "adjacent.t", "unknown variant `C`"),
            ("/untagged", Some(json!({"s": 1})), "untagged", "data did not match any variant"),
            ("/pair", Some(json!([1])), "pair", "invalid length 1, expected a tuple of size 2"),
            ("/pair", Some(json!([1, "a", 3])), "pair", "invalid length 3, expected fewer elements in array"),
            ("/pair", Some(json!([1, 2])), "pair[1]", "invalid type: integer `2`, expected a string"),
            ("/newtype", Some(json!("x")), "newtype", "invalid type: string \"x\", expected u32"),
            ("/unit", Some(json!(1)), "unit", "invalid type: integer `1`, expected unit struct UnitStruct"),
            ("/amount", Some(json!("abc")), "amount", "invalid value: string \"abc\", expected a Decimal"),
            ("/amount", Some(json!(1.5)), "", ""),
            ("/amount", Some(json!([])), "amount", "invalid type: sequence, expected a Decimal"),
            ("/date", Some(json!("2024-13-01")), "date", ""),
            ("/alias", Some(json!(8)), ".", "duplicate field `alias`"),
            ("/ch", Some(json!("ab")), "ch", "invalid value: string \"ab\", expected a character"),
            ("/float", Some(json!("1")), "float", "invalid type: string \"1\", expected f64"),
            ("/big", Some(json!(u64::MAX)), "", ""),
            ("/big", Some(json!(0.5)), "big", "invalid type: floating point `0.5`, expected i128"),
            ("/flat/b", Some(json!("2")), "flat", "invalid type: string \"2\", expected u32"),
            ("/flat/a", None, "flat", "missing field `a`"),
            ("/nested/0/1", Some(json!(0)), "nested[0][1]", "invalid type: integer `0`, expected a boolean"),
            ("/nested/1", Some(json!({})), "nested[1]", "invalid type: map, expected a sequence"),
        ];
        let mut wrong = Vec::new();
        for (pointer, new, path, message) in cases {
            match check::<Outer>(&outer_with(pointer, new.clone())) {
                Ok(_) if path.is_empty() => {}
                Ok(v) => wrong.push(format!("{pointer} {new:?}: read as {v:?}")),
                Err((p, m)) if p != *path || !m.starts_with(message) => {
                    wrong.push(format!("{pointer} {new:?}: {p}: {m}"))
                }
                Err(_) => {}
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
        for (root, path) in
            [(json!([]), "."), (json!(1), "."), (json!("s"), "."), (Value::Null, "."), (json!([null]), "[0]")]
        {
            assert_eq!(check::<Outer>(&root).expect_err("not an Outer").0, path);
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        // A struct read from an array.
        assert_eq!(check::<Inner>(&json!([5, "n"])).ok(), Some(Inner { x: 5, note: "n".into() }));
        assert_eq!(check::<Kind>(&json!("Unit")).ok(), Some(Kind::Unit));
        assert_eq!(check::<Kind>(&json!({"Tuple": [1, "a"]})).ok(), Some(Kind::Tuple(1, "a".into())));
        assert_eq!(check::<Option<()>>(&json!(null)).ok(), Some(None));
        assert_eq!(check::<serde::de::IgnoredAny>(&json!({"a": [1]})).ok(), Some(serde::de::IgnoredAny));
    }

    #[test]
    fn map_keys_are_strings() {
        // No type of the engine has other keys; an integer key is refused, located at the key.
        let e = deserialize::<BTreeMap<u32, u32>>(&json!({"1": 2})).expect_err("string keys only");
        assert_eq!(e.path().to_string(), "1");
        assert_eq!(e.message(), "invalid type: string \"1\", expected u32");
    }


    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn test_types_locate_like_serde_path_to_error(changes in mutations()) {
            let _ = check::<Outer>(&mutated(outer(), changes));
        }

        #[test]
        fn any_value_locates_like_serde_path_to_error(v in any_value()) {
            let _ = check::<Outer>(&v);
            let _ = check::<Kind>(&v);
            let _ = check::<Tagged>(&v);
            let _ = check::<Vec<Option<Inner>>>(&v);
            let _ = check::<BTreeMap<String, Decimal>>(&v);
        }
    }
}
