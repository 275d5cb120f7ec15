"""Each mechanism alone, on tiny hand-made organizations whose outcome is worked out by hand."""

import numpy as np
import pytest

from orgmap.simulate.engine import simulate
from orgmap.simulate.events import Event
from orgmap.simulate.network import Network
from orgmap.simulate.params import Params, Style

QUIET = Params(competition=0.0, entry_rate=0.0, autonomy=0.0)
WEEK = 7.0
YEAR = 365.25


def run(net, events=(), params=QUIET, steps=10, step_days=WEEK, runs=1, seed=1):
    return simulate(
        net, list(events), params, steps=steps, step_days=step_days, seed=seed, run_ids=range(runs)
    )


def test_decay_alone_follows_exp_minus_lambda_t():
    net = Network.hand_made(["boss"], ["a", "b"], ties=[[0.9], [0.4]])
    out = run(net, steps=52)
    t = np.arange(53) * WEEK / YEAR
    expected = (0.9 + 0.4) / 2 * np.exp(-2.3 * t)
    np.testing.assert_allclose(out["tie_strength"][0, :, 0], expected, rtol=1e-12)
    # Burt's bridge decay: one in ten survives a year (exp(-2.3) = 0.100)
    assert out["tie_strength"][0, -1, 0] / out["tie_strength"][0, 0, 0] == pytest.approx(0.1003, abs=0.002)


def test_formal_ties_do_not_decay():
    net = Network.hand_made(["boss"], ["a"], ties=[[0.0]], formal=[[True]])
    out = run(net, params=Params(principal_threshold=0.05, formal_strength=0.1, competition=0, entry_rate=0))
    assert (out["principals"][0] == 1.0).all() and (out["control"][0] == 1.0).all()


def test_certain_contacts_close_the_gap_geometrically():
    # rate so high that a contact happens every step; no decay: w_t = 1 - (1 - g*warmth)^t (1 - w_0)
    style = Style(contact_rate=1e6, formality=0.5, balancing=0.0)
    net = Network.hand_made(["boss"], ["a"], ties=[[0.2]], styles=[style])
    out = run(net, params=Params(decay_personal=0.0, growth=0.3, competition=0, entry_rate=0), steps=6)
    t = np.arange(7)
    np.testing.assert_allclose(out["tie_strength"][0, :, 0], 1 - (1 - 0.15) ** t * 0.8, rtol=1e-12)


def test_contact_and_decay_settle_where_gain_equals_loss():
    # d w/dt = c g (1 - f) (1 - w) - lambda w  =>  w* = k / (k + lambda), k = c g (1 - f)
    c, g, f, lam = 24.0, 0.3, 0.1, 2.3
    k = c * g * (1 - f)
    style = Style(contact_rate=c, formality=f, balancing=0.5)
    net = Network.hand_made(
        ["boss"], [f"a{i}" for i in range(20)], ties=np.full((20, 1), 0.5), styles=[style]
    )
    out = run(
        net,
        params=Params(growth=g, decay_personal=lam, competition=0, entry_rate=0, autonomy=0),
        steps=4 * 365,
        step_days=1.0,
        runs=50,
    )
    settled = out["tie_strength"][:, 365:, 0].mean()
    assert settled == pytest.approx(k / (k + lam), rel=0.04)  # discrete steps and jumps: a few per cent


def test_balancing_sends_contacts_to_the_weakest_tie():
    # one step, no decay: E[gain_a] = g (1 - f)(1 - w_a)(1 - exp(-c dt s_a)), s_a = (1 - w_a) / mean(1 - w)
    c, g = 10.0, 0.5
    style = Style(contact_rate=c, formality=0.0, balancing=1.0)
    net = Network.hand_made(["boss"], ["strong", "weak"], ties=[[0.9], [0.1]], styles=[style])
    params = Params(growth=g, decay_personal=0.0, competition=0, entry_rate=0, autonomy=0)
    R, dt = 4000, WEEK / YEAR
    out = run(net, params=params, steps=1, runs=R)
    gain = out["tie_strength"][:, 1, 0] - out["tie_strength"][:, 0, 0]  # mean over the two affiliates
    w = np.array([0.9, 0.1])
    s = (1 - w) / (1 - w).mean()
    expected = (g * (1 - w) * (1 - np.exp(-c * dt * s))).mean()
    se = gain.std() / np.sqrt(R)
    assert abs(gain.mean() - expected) < 4 * se
    even = run(
        Network.hand_made(
            ["boss"],
            ["strong", "weak"],
            ties=[[0.9], [0.1]],
            styles=[Style(contact_rate=c, formality=0.0, balancing=0.0)],
        ),
        params=params,
        steps=1,
        runs=R,
    )
    assert gain.mean() > (even["tie_strength"][:, 1, 0] - even["tie_strength"][:, 0, 0]).mean()


def test_rival_competition_drains_the_leaders_ties_at_the_stated_rate():
    # no decay; rival tie fixed at 0.5 with loyalty 0.2: w_L(t) = w_0 exp(-kappa (1 - 0.2) 0.5 t)
    net = Network.hand_made(["leader", "rival"], ["a"], ties=[[0.8, 0.5]], loyalty=[1.0, 0.2])
    out = run(net, params=Params(decay_personal=0.0, competition=1.0, entry_rate=0, autonomy=0), steps=52)
    t = np.arange(53) * WEEK / YEAR
    np.testing.assert_allclose(out["tie_strength"][0, :, 0], 0.8 * np.exp(-0.4 * t), rtol=1e-12)


def test_outside_power_centres_step_in_at_the_entry_hazard():
    # leader holds no tie: every affiliate is lapsed; P(entered by t) = 1 - exp(-e t)
    net = Network.hand_made(
        ["leader", "ministry"],
        [f"a{i}" for i in range(50)],
        ties=np.zeros((50, 2)),
        roles=["leader", "outside"],
        loyalty=[1.0, 0.3],
    )
    e = 2.0
    params = Params(decay_personal=0.0, entry_rate=e, entry_strength=0.4, competition=0)
    out = run(net, params=params, steps=26, runs=200)  # 10,000 affiliate-runs: standard error <= 0.005
    entered = out["tie_strength"][:, :, 1].mean(axis=0) / 0.4
    t = np.arange(27) * WEEK / YEAR
    np.testing.assert_allclose(entered, 1 - np.exp(-e * t), atol=0.03)
    assert out["control"][:, -1].max() == 0.0  # the ministry is not the formal chain


def test_star_broker_removed_fragments_completely():
    net = Network.hand_made(["broker"], [f"a{i}" for i in range(6)], ties=np.full((6, 1), 0.8))
    out = run(net, events=[Event(step=1, kind="death", targets=(0,))], steps=2)
    assert out["fragmentation"][0, 0] == 0.0
    assert out["fragmentation"][0, 1] == 1.0


def test_removing_a_peripheral_member_barely_fragments():
    # broker B - a0..a4, member M tied to B and a0.  Without M: everyone still connected (F = 0).
    # Without B instead: M-a0 is the only pair left among 6 nodes: F = 1 - 2/30.
    ties = np.zeros((5, 2))
    ties[:, 0] = 0.8
    ties[0, 1] = 0.8
    net = Network.hand_made(["B", "M"], [f"a{i}" for i in range(5)], ties=ties, pp_edges=[(0, 1)])
    m_gone = run(net, events=[Event(step=1, kind="purge", targets=(1,))], steps=1)
    b_gone = run(net, events=[Event(step=1, kind="death", targets=(0,))], steps=1)
    assert m_gone["fragmentation"][0, 1] == 0.0
    assert b_gone["fragmentation"][0, 1] == pytest.approx(1 - 2 / 30)


def test_succession_inherits_a_share_of_the_predecessors_ties():
    net = Network.hand_made(
        ["old", "new", "circle"],
        ["a", "b"],
        ties=[[0.6, 0.0, 0.35], [0.8, 0.1, 0.0]],
        roles=["leader", "successor", "circle"],
    )
    params = Params(decay_personal=0.0, competition=0.0, entry_rate=0, inheritance=0.5, rival_loyalty=0.2)
    events = [Event(1, "death", (0,)), Event(1, "succession", (1,))]
    out = run(net, events=events, params=params, steps=1)
    assert out["tie_strength"][0, 1, 1] == pytest.approx((0.3 + 0.4) / 2)  # max(own, 0.5 x predecessor's)
    assert out["tie_strength"][0, 1, 0] == 0.0
    # a: circle 0.35 > new leader 0.3 -> via the circle, now a rival; b: 0.4 -> via the new leader
    assert out["routing"][0, 1, 2] == 0.5 and out["routing"][0, 1, 1] == 0.5
    assert out["control"][0, 0] == 1.0 and out["control"][0, 1] == 0.5


def test_coordination_of_two_orthogonal_principals():
    # one affiliate each; loyalty 0 and divergence pi/2 put the second principal at 90 degrees
    net = Network.hand_made(["L", "R"], ["a", "b"], ties=[[0.5, 0.0], [0.0, 0.5]], loyalty=[1.0, 0.0])
    out = run(net, params=Params(decay_personal=0.0, competition=0, entry_rate=0, autonomy=0.0), steps=1)
    assert out["coordination"][0, 0] == pytest.approx(np.sqrt(2) / 2)
    assert out["control"][0, 0] == pytest.approx(0.5)
    aligned = Network.hand_made(["L", "R"], ["a", "b"], ties=[[0.5, 0.0], [0.0, 0.5]], loyalty=[1.0, 1.0])
    out = run(aligned, params=Params(decay_personal=0.0, competition=0, entry_rate=0, autonomy=0.0), steps=1)
    assert out["coordination"][0, 0] == pytest.approx(1.0) and out["control"][0, 0] == 1.0


def test_chain_members_count_as_one_principal_rivals_as_separate_ones():
    ties = [[0.5, 0.5, 0.5]]
    loyal = Network.hand_made(["L", "C", "O"], ["a"], ties=ties, loyalty=[1.0, 1.0, 0.0])
    out = run(loyal, params=QUIET, steps=1)
    assert out["principals"][0, 0] == 2.0 and out["multi_principal"][0, 0] == 1.0


def test_purge_succeeds_in_the_stated_share_of_runs_and_backlash_otherwise():
    net = Network.hand_made(["L", "C"], ["a"], ties=[[0.0, 0.8]], loyalty=[1.0, 0.6])
    params = Params(decay_personal=0.0, competition=0, entry_rate=0, purge_backlash=0.2)
    out = run(net, events=[Event(1, "purge", (1,), success=0.3)], params=params, steps=1, runs=2000)
    removed = out["tie_strength"][:, 1, 1] == 0.0
    assert removed.mean() == pytest.approx(0.3, abs=4 * np.sqrt(0.3 * 0.7 / 2000))
    # where it failed, loyalty fell from 0.6 to 0.4 < 0.5: the circle left the chain, control is lost
    assert (out["control"][~removed, 1] == 0.0).all() and (out["control"][:, 0] == 1.0).all()


def test_patron_support_tips_the_choice_towards_the_leader():
    net = Network.hand_made(
        ["L", "C"], ["a"], ties=[[0.4, 0.5]], roles=["leader", "circle"], loyalty=[1.0, 0.2]
    )
    params = Params(decay_personal=0.0, competition=0, entry_rate=0, patron_authority=0.5, patron_loyalty=0.0)
    out = run(net, events=[Event(1, "patron_support", ())], params=params, steps=1)
    assert out["routing"][0, 0, 1] == 1.0  # before: via the circle (0.5 > 0.4)
    assert out["routing"][0, 1, 0] == 1.0  # after: 0.4 x 1.5 = 0.6 > 0.5, via the leader


def test_strike_cuts_a_risk_averse_leaders_contacts():
    style = Style(contact_rate=1e6, formality=0.0, balancing=0.0, risk_aversion=1.0)
    net = Network.hand_made(["L"], ["a"], ties=[[0.5]], styles=[style])
    params = Params(decay_personal=2.3, competition=0, entry_rate=0)
    out = run(net, events=[Event(1, "strike", (0,))], params=params, steps=3)
    t = np.arange(1, 4) * WEEK / YEAR
    np.testing.assert_allclose(out["tie_strength"][0, 1:, 0], 0.5 * np.exp(-2.3 * t), rtol=1e-12)


def test_the_post_counts_and_passes_to_the_successor_whole():
    # boss holds a formal tie (the post) to a, no personal tie; deputy none. After the
    # succession the deputy holds the post: a's principal, in the chain, at formal_strength.
    net = Network.hand_made(
        ["boss", "deputy"], ["a"], ties=[[0.0, 0.0]], formal=[[True, False]], roles=["leader", "successor"]
    )
    out = run(net, [Event(step=2, kind="succession", targets=(1,))], steps=4)
    assert Params().formal_strength >= Params().principal_threshold  # the post alone makes a principal
    routing = out["routing"][0]
    assert routing[1, 0] == 1.0 and routing[1, 1] == 0.0  # before: via the boss's post
    assert routing[3, 1] == 1.0 and routing[3, 0] == 0.0  # after: via the deputy, who holds it now
    assert (out["control"][0] == 1.0).all()


def test_the_chain_loyalty_cut_off_is_a_parameter():
    # one affiliate held only by a circle member of loyalty 0.4: in the chain iff chain_loyalty <= 0.4
    net = Network.hand_made(["boss", "old hand"], ["a"], ties=[[0.0, 0.8]], loyalty=[1.0, 0.4])
    low = run(net, params=Params(chain_loyalty=0.4, competition=0, entry_rate=0), steps=1)
    high = run(net, params=Params(chain_loyalty=0.5, competition=0, entry_rate=0), steps=1)
    assert low["control"][0, 0] == 1.0 and high["control"][0, 0] == 0.0
