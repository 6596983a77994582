//! Tooling around the product rather than in it: the demo company a first start fills an
//! empty database with, synthetic organizations of any size, and the benchmarks that load,
//! close and print them. No request handler uses it.

pub mod bench;
pub mod bench_receipts;
pub mod demo;
pub mod synthetic;
