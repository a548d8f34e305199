//! The avx512 Philox backend (placeholder: portable until the SIMD version lands).

use super::{portable, Block, Key};

pub fn is_supported() -> bool {
    false
}

pub fn fill_blocks(counter: Block, key: Key, out: &mut [Block]) {
    portable::fill_blocks(counter, key, out)
}
