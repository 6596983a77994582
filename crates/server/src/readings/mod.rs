//! Meter readings' rules, whoever sends them: the physics every reading follows against
//! its meter ([`rules`]) and a resident's submission of a month's readings with what it
//! will cost ([`submission`]). The routes and the import only call them.

pub mod rules;
pub mod submission;
