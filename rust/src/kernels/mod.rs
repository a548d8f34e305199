//! Op kernels: what each graph op computes when a session runs it.

// tier-2 kernels (shuffle, multinomial, gamma, poisson, stateless): one file each.
