//! The 1:1 series: what each meeting aimed for, asked and agreed to do.
//!
//! [`actions`] reads action items (`- [ ] …`, `TODO: …`); [`words`] holds the words the
//! series compares.

pub mod actions;
pub mod words;
