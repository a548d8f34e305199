//! Session runs: streams, schedules, plans.

use super::*;
use crate::dtype::DType;
use crate::graph::Attrs;
use ndarray::{arr1, ArrayD};

fn uniform_graph(n: i32, seeds: (i64, i64)) -> (Arc<Graph>, usize) {
    let g = Arc::new(Graph::new());
    let shape = g
        .add_op(
            "Const",
            "shape",
            vec![],
            vec![],
            Attrs {
                value: Some(Value::I32(arr1(&[n]).into_dyn())),
                ..Default::default()
            },
        )
        .unwrap();
    let op = g
        .add_op(
            "RandomUniform",
            "r",
            vec![shape.id],
            vec![],
            Attrs {
                dtype: Some(DType::Float32),
                seeds: Some(seeds),
                ..Default::default()
            },
        )
        .unwrap();
    (g, op.id)
}

fn f32s(v: &Option<Value>) -> ArrayD<f32> {
    match v {
        Some(Value::F32(a)) => a.clone(),
        other => panic!("not f32: {other:?}"),
    }
}

#[test]
fn runs_advance_by_256_per_output_and_sessions_restart() {
    let (g, r) = uniform_graph(3, (5, 7));
    let s1 = Session::new(g.clone(), 1).unwrap();
    let a = f32s(&s1.run(&[r], vec![], &[]).unwrap()[0]);
    let b = f32s(&s1.run(&[r], vec![], &[]).unwrap()[0]);
    assert_ne!(a, b);
    let s2 = Session::new(g.clone(), 1).unwrap();
    assert_eq!(f32s(&s2.run(&[r], vec![], &[]).unwrap()[0]), a);
    // The second run starts 3 * 256 blocks into the stream.
    let mut gen = PhiloxRandom::new(5, 7);
    gen.skip(3 * 256);
    let block = gen.next_block();
    assert_eq!(b[0], crate::distributions::uint32_to_float(block[0]));
}

#[test]
fn a_fetch_repeated_in_one_run_is_computed_once() {
    let (g, r) = uniform_graph(4, (1, 2));
    let s = Session::new(g, 1).unwrap();
    let out = s.run(&[r, r], vec![], &[]).unwrap();
    assert_eq!(f32s(&out[0]), f32s(&out[1]));
    let next = s.run(&[r], vec![], &[]).unwrap();
    assert_ne!(f32s(&next[0]), f32s(&out[0]));
}

#[test]
fn unseeded_ops_draw_entropy_per_session() {
    let (g, r) = uniform_graph(4, (0, 0));
    let a = f32s(
        &Session::new(g.clone(), 1)
            .unwrap()
            .run(&[r], vec![], &[])
            .unwrap()[0],
    );
    let b = f32s(&Session::new(g, 1).unwrap().run(&[r], vec![], &[]).unwrap()[0]);
    assert_ne!(a, b);
}

#[test]
fn concurrent_runs_reserve_disjoint_ranges() {
    let (g, r) = uniform_graph(2, (3, 4));
    let seq = Session::new(g.clone(), 1).unwrap();
    let mut expected: Vec<Vec<u32>> = (0..64)
        .map(|_| {
            f32s(&seq.run(&[r], vec![], &[]).unwrap()[0])
                .iter()
                .map(|x| x.to_bits())
                .collect()
        })
        .collect();
    let s = Arc::new(Session::new(g, 1).unwrap());
    let mut got: Vec<Vec<u32>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let s = s.clone();
                scope.spawn(move || {
                    (0..8)
                        .map(|_| {
                            f32s(&s.run(&[r], vec![], &[]).unwrap()[0])
                                .iter()
                                .map(|x| x.to_bits())
                                .collect::<Vec<u32>>()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

/// Several mid-size random ops, each scaled, plus an unfed placeholder.
fn mid_size_graph() -> (Arc<Graph>, Vec<usize>, usize) {
    let g = Arc::new(Graph::new());
    let konst = |name: &str, v: Value| g.test_const(name, v);
    let shape = konst("shape", Value::I32(arr1(&[8192]).into_dyn()));
    let two = konst("two", Value::F32(arr1(&[2.0f32]).into_dyn()));
    let mut outs = Vec::new();
    for i in 0..12 {
        let r = g
            .add_op(
                "RandomUniform",
                &format!("r{i}"),
                vec![shape.id],
                vec![],
                Attrs {
                    dtype: Some(DType::Float32),
                    seeds: Some((7, i)),
                    ..Default::default()
                },
            )
            .unwrap();
        let m = g
            .add_op(
                "Mul",
                &format!("m{i}"),
                vec![r.id, two.id],
                vec![],
                Attrs::default(),
            )
            .unwrap();
        outs.push(m.id);
    }
    let p = g
        .add_op(
            "Placeholder",
            "p",
            vec![],
            vec![],
            Attrs {
                dtype: Some(DType::Float32),
                ..Default::default()
            },
        )
        .unwrap();
    (g, outs, p.id)
}

#[test]
fn concurrent_runs_of_independent_ops_equal_the_sequential_order() {
    let (g, outs, p) = mid_size_graph();
    let bits = |v: &[Option<Value>]| -> Vec<Vec<u32>> {
        v.iter()
            .map(|x| f32s(x).iter().map(|f| f.to_bits()).collect())
            .collect()
    };
    let seq = Session::new(g.clone(), 0).unwrap();
    let par = Session::new(g.clone(), 0).unwrap();
    for _ in 0..3 {
        let a = seq.run_scheduled(&outs, vec![], &[], Some(false)).unwrap();
        let b = par.run_scheduled(&outs, vec![], &[], Some(true)).unwrap();
        assert_eq!(bits(&a), bits(&b));
    }
    // The error is the first the sequential order meets, in both schedules.
    let mut with_p = outs.clone();
    with_p.insert(3, p);
    let e1 = seq
        .run_scheduled(&with_p, vec![], &[], Some(false))
        .unwrap_err();
    let e2 = par
        .run_scheduled(&with_p, vec![], &[], Some(true))
        .unwrap_err();
    assert_eq!((e1.kind, e1.to_string()), (e2.kind, e2.to_string()));
}

#[test]
fn reinitialising_a_variable_writes_into_its_buffer_with_the_same_bits() {
    let g = Arc::new(Graph::new());
    let konst = |name: &str, v: Value| g.test_const(name, v);
    let shape = konst("shape", Value::I32(arr1(&[3000]).into_dyn()));
    let scale = konst("scale", Value::F32(arr1(&[0.5f32]).into_dyn()));
    let t = g
        .add_op(
            "TruncatedNormal",
            "t",
            vec![shape.id],
            vec![],
            Attrs {
                dtype: Some(DType::Float32),
                seeds: Some((3, 9)),
                ..Default::default()
            },
        )
        .unwrap();
    let m = g
        .add_op("Mul", "m", vec![t.id, scale.id], vec![], Attrs::default())
        .unwrap();
    let var = g
        .add_op(
            "VariableV2",
            "v",
            vec![],
            vec![],
            Attrs {
                dtype: Some(DType::Float32),
                shape: Some(vec![3000]),
                ..Default::default()
            },
        )
        .unwrap();
    let assign = g
        .add_op("Assign", "a", vec![var.id, m.id], vec![], Attrs::default())
        .unwrap();
    let data = |v: &Value| match v {
        Value::F32(a) => (
            a.as_ptr() as usize,
            a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        ),
        _ => panic!("not f32"),
    };
    // Recycled: nothing else holds the old value.
    let a = Session::new(g.clone(), 1).unwrap();
    a.run(&[], vec![], &[assign.id]).unwrap();
    let (p1, _) = data(&a.read_variable(&var).unwrap());
    a.run(&[], vec![], &[assign.id]).unwrap();
    let (p2, recycled) = data(&a.read_variable(&var).unwrap());
    assert_eq!(p1, p2);
    // Not recycled: the old value is still held.
    let b = Session::new(g, 1).unwrap();
    b.run(&[], vec![], &[assign.id]).unwrap();
    let held = b.read_variable(&var).unwrap();
    b.run(&[], vec![], &[assign.id]).unwrap();
    let (p3, fresh) = data(&b.read_variable(&var).unwrap());
    assert_ne!(p3, data(&held).0);
    assert_eq!(recycled, fresh);
}

#[test]
fn closed_sessions_and_bad_ids_are_errors() {
    let (g, r) = uniform_graph(1, (1, 1));
    let s = Session::new(g, 1).unwrap();
    assert_eq!(
        s.run(&[99], vec![], &[]).unwrap_err().kind,
        crate::error::ErrorKind::InvalidArgument
    );
    s.close();
    assert_eq!(
        s.run(&[r], vec![], &[]).unwrap_err().kind,
        crate::error::ErrorKind::Runtime
    );
}

fn add(g: &Graph, op: &str, name: &str, inputs: Vec<usize>, attrs: Attrs) -> usize {
    g.add_op(op, name, inputs, vec![], attrs).unwrap().id
}

fn f32_const(g: &Graph, name: &str, v: &[f32]) -> usize {
    let attrs = Attrs {
        value: Some(Value::F32(arr1(v).into_dyn())),
        ..Default::default()
    };
    add(g, "Const", name, vec![], attrs)
}

fn uniform_attrs(seeds: (i64, i64)) -> Attrs {
    Attrs {
        dtype: Some(DType::Float32),
        seeds: Some(seeds),
        ..Default::default()
    }
}

#[test]
fn kept_plans_stay_right_as_the_graph_grows() {
    let (g, r) = uniform_graph(3, (5, 7));
    let s = Session::new(g.clone(), 1).unwrap();
    let mut got = vec![f32s(&s.run(&[r], vec![], &[]).unwrap()[0])];
    assert_eq!(s.plans.len(), 1);
    // Ops added after r's plan was kept: one on r, one beside it.
    let two = f32_const(&g, "two", &[2.0]);
    let m = add(&g, "Mul", "m", vec![r, two], Attrs::default());
    let r2 = add(&g, "RandomUniform", "r2", vec![0], uniform_attrs((5, 8)));
    for fetches in [vec![r], vec![m], vec![r2, r]] {
        got.extend(s.run(&fetches, vec![], &[]).unwrap().iter().map(f32s));
    }
    // [r]'s plan, made on the smaller graph, served its second run.
    assert_eq!(s.plans.len(), 3);
    // A session made now plans every run on the grown graph.
    let fresh = Session::new(g, 1).unwrap();
    let mut want = vec![];
    for fetches in [vec![r], vec![r], vec![m], vec![r2, r]] {
        want.extend(fresh.run(&fetches, vec![], &[]).unwrap().iter().map(f32s));
    }
    assert_eq!(got, want);
    assert_ne!(got[1], got[0]);
}

#[test]
fn a_replaced_node_replaces_the_plans_holding_it() {
    let (g, r) = uniform_graph(3, (5, 7));
    let s = Session::new(g.clone(), 1).unwrap();
    s.run(&[r], vec![], &[]).unwrap();
    let kept = s.plan(&[r], &[], &[]).unwrap();
    assert!(Arc::ptr_eq(&kept, &s.plan(&[r], &[], &[]).unwrap()));
    g.refine_shape(r, Some(vec![3])).unwrap();
    let plan = s.plan(&[r], &[], &[]).unwrap();
    assert!(!Arc::ptr_eq(&kept, &plan));
    let pos = plan.fetch_pos[0];
    assert!(Arc::ptr_eq(&plan.nodes[pos], &g.read().nodes[r]));
    assert_eq!(s.plans.len(), 1);
}

#[test]
fn feeding_an_op_first_planned_unfed() {
    let (g, r) = uniform_graph(3, (5, 7));
    let two = f32_const(&g, "two", &[2.0]);
    let m = add(&g, "Mul", "m", vec![r, two], Attrs::default());
    let s = Session::new(g.clone(), 1).unwrap();
    let first = f32s(&s.run(&[m], vec![], &[]).unwrap()[0]);
    let fed = Value::F32(arr1(&[1.0f32, 2.0, 3.0]).into_dyn());
    let out = s.run(&[m, r], vec![(r, fed)], &[]).unwrap();
    assert_eq!(f32s(&out[0]), arr1(&[2.0f32, 4.0, 6.0]).into_dyn());
    assert_eq!(f32s(&out[1]), arr1(&[1.0f32, 2.0, 3.0]).into_dyn());
    // The fed run did not advance r: the next unfed run is r's second.
    let second = f32s(&s.run(&[m], vec![], &[]).unwrap()[0]);
    let fresh = Session::new(g, 1).unwrap();
    let want: Vec<_> = (0..2)
        .map(|_| f32s(&fresh.run(&[m], vec![], &[]).unwrap()[0]))
        .collect();
    assert_eq!(vec![first, second], want);
}

#[test]
fn the_last_feed_of_an_op_wins() {
    let (g, r) = uniform_graph(2, (5, 7));
    let s = Session::new(g, 1).unwrap();
    let v = |x: f32| Value::F32(arr1(&[x, x]).into_dyn());
    let out = s.run(
        &[r],
        vec![
            (r, v(1.0)),
            (0, Value::I32(arr1(&[2]).into_dyn())),
            (r, v(3.0)),
        ],
        &[],
    );
    assert_eq!(f32s(&out.unwrap()[0]), arr1(&[3.0f32, 3.0]).into_dyn());
}

#[test]
fn the_plans_kept_are_bounded() {
    let (g, r) = uniform_graph(2, (5, 7));
    let s = Session::new(g, 1).unwrap();
    for n in 1..=40 {
        let out = s.run(&vec![r; n], vec![], &[]).unwrap();
        assert_eq!(out.len(), n);
    }
    assert_eq!(s.plans.len(), 16);
    // Bad ids are still errors, and make no plan.
    assert!(s.run(&[r, 99], vec![], &[]).is_err());
    assert!(s
        .run(&[r], vec![(99, Value::I32(arr1(&[1]).into_dyn()))], &[])
        .is_err());
    assert_eq!(s.plans.len(), 16);
}

#[test]
fn ops_without_kernels_have_shapes_but_no_values() {
    // A structure-only op of a known static shape: its Shape, Size and
    // ZerosLike run; its value (and anything computed from it) is unimplemented.
    let g = Arc::new(Graph::new());
    let x = g
        .add_op(
            "Placeholder",
            "x",
            vec![],
            vec![],
            Attrs {
                dtype: Some(DType::Float32),
                shape: Some(vec![2, 3]),
                ..Default::default()
            },
        )
        .unwrap();
    let relu = g
        .add_op(
            "Relu",
            "relu",
            vec![x.id],
            vec![],
            Attrs {
                dtype: Some(DType::Float32),
                shape: Some(vec![2, 3]),
                ..Default::default()
            },
        )
        .unwrap();
    let one = |name: &str, op: &str| {
        g.add_op(name, op, vec![relu.id], vec![], Attrs::default())
            .unwrap()
            .id
    };
    let (shape, zeros) = (one("Shape", "shape"), one("ZerosLike", "zeros"));
    let neg = one("Neg", "neg");
    let s = Session::new(g.clone(), 1).unwrap();
    let feed = || vec![(x.id, Value::F32(ArrayD::zeros(ndarray::IxDyn(&[2, 3]))))];
    let out = s.run(&[shape, zeros], feed(), &[]).unwrap();
    assert!(matches!(&out[0], Some(Value::I32(a)) if a.as_slice() == Some(&[2, 3][..])));
    assert!(matches!(&out[1], Some(Value::F32(a)) if a.shape() == [2, 3]));
    for fetch in [relu.id, neg] {
        let e = s.run(&[fetch], feed(), &[]).unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::Unimplemented);
        assert!(e.message.contains("'relu'"), "{}", e.message);
    }
}
