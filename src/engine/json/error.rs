//! The error of reading a file: where (a JSON path, when known) and what is wrong.

/// Why a file could not be opened: the field (a JSON path, when known) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub field: Option<String>,
    pub message: String,
}

impl FileError {
    pub fn new(message: impl Into<String>) -> FileError {
        FileError { field: None, message: message.into() }
    }
    pub fn at(field: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError { field: Some(field.into()), message: message.into() }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "字段「{field}」:{}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}
