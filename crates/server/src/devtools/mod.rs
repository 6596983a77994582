//! Tooling around the product rather than in it: the demo company a first start fills an
//! empty database with, synthetic organizations of any size, and the benchmarks that load
//! and close them. No request handler uses it.

pub mod bench;
pub mod demo;
pub mod synthetic;
