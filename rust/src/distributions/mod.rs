//! TensorFlow's CPU distributions (`random_distributions.h`), bit for bit.
//!
//! Each distribution turns Philox blocks into a fixed-size *group* of outputs.
//! A fill writes group after group; TensorFlow shards a fill by group, skipping
//! the generator to each shard's first group, so the output never depends on
//! how many threads produced it.

pub mod fill;
pub mod slice;
pub mod truncated;

pub use crate::transforms::*;
// The half types the fills produce (their modules import them from here).
use half::{bf16, f16};
