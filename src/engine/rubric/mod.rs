//! Layer 4: rubrics as files and versions. [`load`] is the one way to read a rubric data file
//! (the bundled one and those users open), [`check`] its consistency checks, [`set`] the versions
//! loaded side by side.

pub mod banfa;
pub mod check;
pub mod load;
pub mod set;
