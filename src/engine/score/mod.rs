//! Layer 5: scoring. [`outcome`] is what scoring gives and how indicator results add up and are
//! judged; [`items`] scores a self-assessment (every rule kind); [`review`] scores the review
//! layers and compares them; [`panel`] merges expert sheets; [`ranking`] puts many scored
//! assessments in one table; [`migrate`] moves an assessment to another rubric version.

pub mod items;
pub mod migrate;
pub mod outcome;
pub mod panel;
pub mod ranking;
pub mod review;
