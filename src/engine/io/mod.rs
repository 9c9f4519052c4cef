//! Layer 7: what the engine reads and writes whole. [`file`](mod@file) is the assessment file people send by
//! email (versioned, every score recomputed on reading); [`draft`] the envelope a draft is kept
//! in inside the browser (its migration, the revision check between tabs, file names).

pub mod draft;
pub mod file;
pub mod index;
#[cfg(test)]
mod no_english;
#[cfg(test)]
mod reader_paths;
