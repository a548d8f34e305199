//! TensorFlow's seed policy (`random_seed.get_seed`, graph mode).
//!
//! An op's `(seed, seed2)` attributes come from the graph seed and the op seed:
//! - both set: `(graph % M, op % M)`;
//! - graph seed only: the op seed comes from the graph, by the rule of the TF
//!   version the graph follows ([`SeedRule`]): TF 2.x counts random ops built
//!   without an op seed; TF 1.x takes the id of the newest op in the graph;
//! - op seed only: the graph seed defaults to [`DEFAULT_GRAPH_SEED`];
//! - neither: `(0, 0)`, which the kernels read as "draw fresh OS entropy".
//!
//! with `M = 2^31 - 1`, and `(0, 0)` from explicit seeds turned into `(0, M)`
//! so that explicit seeds never mean "nondeterministic".

pub const DEFAULT_GRAPH_SEED: i64 = 87_654_321;
pub const MAXINT32: i64 = (1 << 31) - 1;

/// `seed % (2**31 - 1)` with Python's sign rule (the result is never negative).
pub fn truncate_seed(seed: i128) -> i64 {
    seed.rem_euclid(MAXINT32 as i128) as i64
}

/// Where a graph-seed-only op gets its op seed: the one rule that differs
/// between the two TensorFlow versions reproduced here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SeedRule {
    /// TF 2.x: a per-graph counter of ops that resolved a seed this way.
    #[default]
    Counter,
    /// TF 1.x: `graph._last_id`, the id of the newest op (ids start at 1 and
    /// count every op), so every op built before a random op shifts its seed.
    LastId,
}

/// The seed state a graph keeps: its rule, its (truncated) graph seed and the
/// counter of random ops created without an op seed.
#[derive(Clone, Debug, Default)]
pub struct SeedState {
    pub rule: SeedRule,
    pub graph_seed: Option<i64>,
    pub op_counter: i64,
}

impl SeedState {
    /// Resolve an op seed (already truncated, or `None`) into `(seed, seed2)`,
    /// or `None` when neither seed is set; `last_id` is the number of ops in
    /// the graph (TF 1.x's rule). Advances the counter as TF 2.x does.
    pub fn get_seed(&mut self, op_seed: Option<i64>, last_id: usize) -> Option<(i64, i64)> {
        let seeds = match (self.graph_seed, op_seed) {
            (Some(g), Some(o)) => (g, o),
            (Some(g), None) => {
                let o = match self.rule {
                    SeedRule::Counter => {
                        let o = self.op_counter;
                        self.op_counter += 1;
                        o
                    }
                    SeedRule::LastId => last_id as i64,
                };
                (g, truncate_seed(o as i128))
            }
            (None, Some(o)) => (DEFAULT_GRAPH_SEED, o),
            (None, None) => return None,
        };
        if seeds == (0, 0) {
            return Some((0, MAXINT32));
        }
        Some(seeds)
    }
}

/// Fresh `(seed, seed2)` from OS entropy, for ops with neither seed set (TF's
/// `random::New64()` pair). Never `(0, 0)`.
pub fn os_entropy_seeds() -> (u64, u64) {
    loop {
        let mut buf = [0u8; 16];
        if getrandom::fill(&mut buf).is_err() {
            // No OS entropy: fall back to time and address bits, still per-call distinct.
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let addr = &buf as *const _ as usize as u128;
            buf = (t ^ (addr << 64) ^ 0x9E37_79B9_7F4A_7C15).to_le_bytes();
        }
        let a = u64::from_le_bytes(buf[..8].try_into().unwrap());
        let b = u64::from_le_bytes(buf[8..].try_into().unwrap());
        if (a, b) != (0, 0) {
            return (a, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_follows_python_modulo() {
        assert_eq!(truncate_seed(-2), MAXINT32 - 2);
        assert_eq!(truncate_seed(MAXINT32 as i128), 0);
        assert_eq!(truncate_seed(2147483651), 4);
        assert_eq!(truncate_seed(i64::MAX as i128), i64::MAX % MAXINT32);
        assert_eq!(
            truncate_seed(1 << 100),
            ((1i128 << 100) % MAXINT32 as i128) as i64
        );
    }

    #[test]
    fn policy_cases() {
        let mut s = SeedState::default();
        assert_eq!(s.get_seed(None, 0), None);
        assert_eq!(s.get_seed(Some(5), 0), Some((DEFAULT_GRAPH_SEED, 5)));
        s.graph_seed = Some(0);
        assert_eq!(s.get_seed(Some(0), 0), Some((0, MAXINT32)));
        assert_eq!(
            s.get_seed(None, 0),
            Some((0, MAXINT32)),
            "counter 0 with graph seed 0"
        );
        assert_eq!(s.get_seed(None, 0), Some((0, 1)));
        assert_eq!(
            s.get_seed(Some(9), 0),
            Some((0, 9)),
            "explicit op seeds skip the counter"
        );
        assert_eq!(s.get_seed(None, 0), Some((0, 2)));
    }

    #[test]
    fn last_id_rule_takes_the_op_count() {
        let mut s = SeedState {
            rule: SeedRule::LastId,
            graph_seed: Some(1234),
            op_counter: 0,
        };
        assert_eq!(s.get_seed(None, 3), Some((1234, 3)));
        assert_eq!(s.get_seed(None, 3), Some((1234, 3)), "no counter in TF 1.x");
        assert_eq!(s.get_seed(Some(7), 9), Some((1234, 7)));
        s.graph_seed = Some(0);
        assert_eq!(s.get_seed(None, 0), Some((0, MAXINT32)));
    }

    #[test]
    fn entropy_seeds_differ() {
        assert_ne!(os_entropy_seeds(), os_entropy_seeds());
    }
}
