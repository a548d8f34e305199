//! The one dispatch point between Philox backends.
//!
//! The backend is picked once per process from CPU features, or from
//! `PHILOXFLOW_BACKEND=portable|avx2|avx512|neon`; naming a backend this CPU
//! lacks is an error rather than a silent fallback, so tests and benchmarks
//! measure what they say they measure.

use super::{portable, Block, Key};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    Portable,
    Avx2,
    Avx512,
    Neon,
}

static ACTIVE: OnceLock<Result<Platform, String>> = OnceLock::new();

impl Platform {
    pub fn name(self) -> &'static str {
        match self {
            Platform::Portable => "portable",
            Platform::Avx2 => "avx2",
            Platform::Avx512 => "avx512",
            Platform::Neon => "neon",
        }
    }

    pub fn from_name(name: &str) -> Option<Platform> {
        match name.trim().to_ascii_lowercase().as_str() {
            "portable" => Some(Platform::Portable),
            "avx2" => Some(Platform::Avx2),
            "avx512" => Some(Platform::Avx512),
            "neon" => Some(Platform::Neon),
            _ => None,
        }
    }

    /// Whether this CPU can run the backend.
    pub fn is_supported(self) -> bool {
        match self {
            Platform::Portable => true,
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx2 => super::avx2::is_supported(),
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx512 => super::avx512::is_supported(),
            #[cfg(target_arch = "aarch64")]
            Platform::Neon => super::neon::is_supported(),
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    /// Every backend this CPU supports, fastest last.
    pub fn available() -> Vec<Platform> {
        [
            Platform::Portable,
            Platform::Neon,
            Platform::Avx2,
            Platform::Avx512,
        ]
        .into_iter()
        .filter(|p| p.is_supported())
        .collect()
    }

    /// The fastest backend this CPU supports.
    pub fn detect() -> Platform {
        *Self::available().last().unwrap_or(&Platform::Portable)
    }

    /// The backend chosen for this process: `PHILOXFLOW_BACKEND` or [`detect`](Self::detect).
    pub fn try_active() -> Result<Platform, String> {
        ACTIVE
            .get_or_init(|| match std::env::var("PHILOXFLOW_BACKEND") {
                Ok(name) if !name.trim().is_empty() => match Platform::from_name(&name) {
                    None => Err(format!(
                        "PHILOXFLOW_BACKEND={name:?} is not a backend \
                         (portable, avx2, avx512, neon)"
                    )),
                    Some(p) if !p.is_supported() => Err(format!(
                        "PHILOXFLOW_BACKEND={name:?}: this CPU does not support the {} backend",
                        p.name()
                    )),
                    Some(p) => Ok(p),
                },
                _ => Ok(Platform::detect()),
            })
            .clone()
    }

    /// As [`try_active`](Self::try_active); an invalid override falls back to
    /// portable here, but the Python module refuses to import with it, so the
    /// error always reaches the user.
    pub fn active() -> Platform {
        Self::try_active().unwrap_or(Platform::Portable)
    }

    /// Blocks for `counter`, `counter + 1`, … (128-bit increments) into `out`.
    pub fn fill_blocks(self, counter: Block, key: Key, out: &mut [Block]) {
        match self {
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx2 if super::avx2::is_supported() => {
                super::avx2::fill_blocks(counter, key, out)
            }
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx512 if super::avx512::is_supported() => {
                super::avx512::fill_blocks(counter, key, out)
            }
            #[cfg(target_arch = "aarch64")]
            Platform::Neon if super::neon::is_supported() => {
                super::neon::fill_blocks(counter, key, out)
            }
            _ => portable::fill_blocks(counter, key, out),
        }
    }

    /// Blocks for `counter`, `counter + stride`, `counter + 2 * stride`, …
    /// (exact 128-bit adds, wrapping at 2^128) into `out`: `out[i]` is
    /// Philox4x32-10 of `counter + i * stride` under `key`. Stride 1 is
    /// [`fill_blocks`](Self::fill_blocks).
    pub fn fill_blocks_strided(self, counter: Block, stride: u64, key: Key, out: &mut [Block]) {
        match self {
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx2 if super::avx2::is_supported() => {
                super::avx2::fill_blocks_strided(counter, stride, key, out)
            }
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx512 if super::avx512::is_supported() => {
                super::avx512::fill_blocks_strided(counter, stride, key, out)
            }
            #[cfg(target_arch = "aarch64")]
            Platform::Neon if super::neon::is_supported() => {
                super::neon::fill_blocks_strided(counter, stride, key, out)
            }
            _ => portable::fill_blocks_strided(counter, stride, key, out),
        }
    }

    /// Blocks for arbitrary counters: `out[i]` is Philox4x32-10 of
    /// `counters[i]` under `key`. `out` and `counters` must be as long.
    pub fn fill_blocks_at(self, counters: &[Block], key: Key, out: &mut [Block]) {
        assert_eq!(counters.len(), out.len(), "fill_blocks_at: length mismatch");
        match self {
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx2 if super::avx2::is_supported() => {
                super::avx2::fill_blocks_at(counters, key, out)
            }
            #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
            Platform::Avx512 if super::avx512::is_supported() => {
                super::avx512::fill_blocks_at(counters, key, out)
            }
            #[cfg(target_arch = "aarch64")]
            Platform::Neon if super::neon::is_supported() => {
                super::neon::fill_blocks_at(counters, key, out)
            }
            _ => portable::fill_blocks_at(counters, key, out),
        }
    }
}
