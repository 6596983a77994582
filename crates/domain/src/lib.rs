//! Domkom's domain rules, free of I/O: money in kopecks, billing periods, quantities,
//! the billing calculation and the statement arithmetic. Filled by the billing engine.
