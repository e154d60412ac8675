package org.caspianhub.streams.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.sharing.ScenarioFold.T0;
import static org.caspianhub.streams.sharing.ScenarioFold.sight;
import static org.caspianhub.streams.sharing.ScenarioFold.submit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.PartyFeedback;
import org.caspianhub.avro.streams.RecipientState;
import org.caspianhub.streams.sharing.RecipientFolds;
import org.caspianhub.streams.sharing.Scenario;
import org.caspianhub.streams.sharing.ScenarioFold;

/**
 * The merge stage's pure logic alone, without Kafka or a topology: what one event does to an
 * indicator's merged state (the hub's evidence, one contribution per party) and to each
 * recipient's own fold of it, and which recipients {@link MergeResult#touched} names. Parties ir,
 * az and kz; ir and az have an AMBER agreement.
 */
class IndicatorMergerTest {

    private static final String VALUE = "nightjar-c2.net";

    private final ScenarioFold hub = new ScenarioFold("ir,az,kz", "ir:az");

    @Example
    void theFirstSubmissionCreatesTheIndicatorForEveryoneWhoMaySeeIt() {
        MergeResult result = hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));

        assertThat(result.effect()).isEqualTo(MergeResult.Effect.CREATED);
        assertThat(result.material()).isTrue();
        assertThat(result.touched()).containsExactlyInAnyOrder("ir", "az", "kz");
        assertThat(indicatorContributions()).containsOnlyKeys("ir");
        assertThat(hub.state(VALUE).getIndicator()).satisfies(i -> {
            assertThat(i.getStatus()).isEqualTo(IndicatorStatus.ACTIVE);
            assertThat(i.getFirstSeen()).isEqualTo(T0);
            assertThat(i.getLastSeen()).isEqualTo(T0);
            assertThat(i.getExpiresAt()).as("a domain's lifetime").isEqualTo(T0.plus(Duration.ofDays(90)));
            assertThat(i.getScore()).isPositive();
        });
    }

    @Example
    void aSecondSubmissionBySamePartyMergesIntoItsContribution() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));
        hub.apply(new Scenario.Wait(Duration.ofHours(5)));
        MergeResult result = hub.apply(submit("s2", "ir", VALUE, Tlp.GREEN, "phishing"));

        assertThat(result.effect()).as("a new tag is news").isEqualTo(MergeResult.Effect.CHANGED);
        assertThat(result.material()).isTrue();
        assertThat(indicatorContributions()).containsOnlyKeys("ir");
        assertThat(indicatorContributions().get("ir")).satisfies(c -> {
            assertThat(c.getSubmissionCount()).isEqualTo(2);
            assertThat(c.getFirstSeen()).isEqualTo(T0);
            assertThat(c.getLastSeen()).isEqualTo(T0.plus(Duration.ofHours(5)));
            assertThat(c.getTags()).containsExactly("c2", "phishing");
            assertThat(c.getLastSubmissionId()).isEqualTo("s2");
        });
        assertThat(hub.state(VALUE).getIndicator().getExpiresAt())
                .as("the lifetime runs from the latest report").isEqualTo(T0.plus(Duration.ofHours(5)).plus(Duration.ofDays(90)));
    }

    @Example
    void sayingTheSameAgainOnlyMovesCounters() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));
        hub.apply(new Scenario.Wait(Duration.ofHours(1)));
        MergeResult result = hub.apply(submit("s2", "ir", VALUE, Tlp.GREEN, "c2"));

        assertThat(result.effect()).isEqualTo(MergeResult.Effect.RESUBMITTED);
        assertThat(result.material()).as("nothing worth publishing").isFalse();
        assertThat(result.visibilityChanged()).isFalse();
        assertThat(result.touched()).as("every fold's counters moved").containsExactlyInAnyOrder("ir", "az", "kz");
        assertThat(indicatorContributions().get("ir").getSubmissionCount()).isEqualTo(2);
    }

    @Example
    void aProducerRetryOfTheSameSubmissionChangesNothing() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));
        IndicatorState before = copy(hub.state(VALUE));

        MergeResult result = hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));

        assertThat(result.effect()).isEqualTo(MergeResult.Effect.SAME_SUBMISSION);
        assertThat(result.state()).as("nothing to store").isNull();
        assertThat(result.touched()).isEmpty();
        assertThat(hub.state(VALUE)).isEqualTo(before);
    }

    @Example
    void aRevocationWithdrawsOnlyTheRevokingPartysContribution() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));
        hub.apply(submit("s2", "az", VALUE, Tlp.GREEN, "phishing"));
        Contribution az = Contribution.newBuilder(indicatorContributions().get("az")).build();

        MergeResult revoked = hub.apply(new Scenario.Revoke("s3", "ir", VALUE));

        assertThat(revoked.effect()).isEqualTo(MergeResult.Effect.REVOKED);
        assertThat(revoked.visibilityChanged()).isTrue();
        assertThat(indicatorContributions().get("ir").getRevoked()).isTrue();
        assertThat(indicatorContributions().get("az")).isEqualTo(az);
        assertThat(hub.state(VALUE).getIndicator().getStatus()).as("az still stands behind it").isEqualTo(IndicatorStatus.ACTIVE);

        assertThat(hub.apply(new Scenario.Revoke("s4", "ir", VALUE)).effect()).isEqualTo(MergeResult.Effect.REVOKED_AGAIN);
        assertThat(hub.apply(new Scenario.Revoke("s5", "az", VALUE)).effect()).isEqualTo(MergeResult.Effect.REVOKED);
        assertThat(hub.state(VALUE).getIndicator()).satisfies(i -> {
            assertThat(i.getStatus()).isEqualTo(IndicatorStatus.REVOKED);
            assertThat(i.getScore()).isZero();
            assertThat(i.getExpiresAt()).isNull();
        });

        MergeResult again = hub.apply(submit("s6", "ir", VALUE, Tlp.GREEN, "c2"));
        assertThat(again.effect()).as("submitting again stands behind it again").isEqualTo(MergeResult.Effect.CHANGED);
        assertThat(indicatorContributions().get("ir").getRevoked()).isFalse();
        assertThat(hub.state(VALUE).getIndicator().getStatus()).isEqualTo(IndicatorStatus.ACTIVE);
    }

    @Example
    void aRevocationByAPartyWithNoContributionIsRefusedAndChangesNothing() {
        assertThat(hub.apply(new Scenario.Revoke("r0", "kz", VALUE)).effect())
                .as("a value the hub does not hold").isEqualTo(MergeResult.Effect.REVOCATION_REFUSED);
        assertThat(hub.state(VALUE)).isNull();

        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));
        IndicatorState before = copy(hub.state(VALUE));
        MergeResult result = hub.apply(new Scenario.Revoke("r1", "kz", VALUE));

        assertThat(result.effect()).isEqualTo(MergeResult.Effect.REVOCATION_REFUSED);
        assertThat(result.state()).isNull();
        assertThat(result.touched()).isEmpty();
        assertThat(hub.state(VALUE)).isEqualTo(before);
    }

    @Example
    void aHiddenSubmissionTouchesOnlyThoseWhoMaySeeIt() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));

        assertThat(hub.apply(submit("s2", "az", VALUE, Tlp.RED, "internal")).touched()).containsExactly("az");
        assertThat(hub.apply(submit("s3", "kz", VALUE, Tlp.AMBER_STRICT)).touched()).containsExactly("kz");
        assertThat(hub.apply(submit("s4", "kz", VALUE, Tlp.AMBER)).touched()).as("kz has no agreement").containsExactly("kz");
        assertThat(hub.apply(submit("s5", "ir", VALUE, Tlp.AMBER, "c2")).touched())
                .as("ir's AMBER reaches its partner; kz could see ir's GREEN word, which is withdrawn for it")
                .containsExactlyInAnyOrder("ir", "az", "kz");
        assertThat(hub.apply(submit("s6", "ir", VALUE, Tlp.AMBER, "c2")).touched())
                .as("kz holds nothing of ir now").containsExactlyInAnyOrder("ir", "az");
        assertThat(indicatorContributions()).containsOnlyKeys("ir", "az", "kz");
    }

    @Example
    void socReportsCountOnAHeldValueAndAPartysFalsePositiveCountsOnce() {
        assertThat(hub.apply(sight("f0", "az", VALUE, SightingKind.SIGHTED)).effect())
                .isEqualTo(MergeResult.Effect.SIGHTING_UNKNOWN);
        assertThat(hub.state(VALUE)).isNull();

        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));
        int score = hub.state(VALUE).getIndicator().getScore();
        assertThat(hub.apply(sight("f1", "kz", VALUE, SightingKind.SIGHTED)).effect()).isEqualTo(MergeResult.Effect.SIGHTED);
        assertThat(hub.state(VALUE).getIndicator().getSightingCount()).isEqualTo(1);
        assertThat(hub.state(VALUE).getIndicator().getScore()).as("a sighting corroborates").isGreaterThan(score);

        MergeResult falsePositive = hub.apply(sight("f2", "az", VALUE, SightingKind.FALSE_POSITIVE));
        assertThat(falsePositive.effect()).isEqualTo(MergeResult.Effect.SIGHTED);
        assertThat(falsePositive.touched()).as("az's feedback travels as AMBER").containsExactlyInAnyOrder("az", "ir");
        MergeResult repeated = hub.apply(sight("f3", "az", VALUE, SightingKind.FALSE_POSITIVE));
        assertThat(repeated.effect()).isEqualTo(MergeResult.Effect.SIGHTED_AGAIN);
        assertThat(repeated.touched()).isEmpty();
        assertThat(hub.state(VALUE).getIndicator().getFalsePositiveCount()).isEqualTo(1);
    }

    @Example
    void theIndicatorExpiresAtTheValidUntilItsContributorGave() {
        Instant validUntil = T0.plus(Duration.ofDays(2));
        hub.apply(ScenarioFold.validUntil(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"), validUntil));
        IndicatorState state = hub.state(VALUE);
        assertThat(state.getIndicator().getExpiresAt()).as("before the domain's 90 days").isEqualTo(validUntil);

        assertThat(hub.merger().recompute(state, validUntil.toEpochMilli() - 1)).isFalse();
        assertThat(state.getIndicator().getStatus()).isEqualTo(IndicatorStatus.ACTIVE);
        assertThat(hub.merger().recompute(state, validUntil.toEpochMilli())).as("a status change is material").isTrue();
        assertThat(state.getIndicator().getStatus()).isEqualTo(IndicatorStatus.EXPIRED);
    }

    // ---- properties over generated sequences (Scenario.Generated, as the noninterference property's) ----

    /**
     * Only the recipients {@code touched} names may be told anything of an event, so it must name
     * every recipient whose own evidence the event changed and no other: a recipient named for an
     * event it may not see would learn, from the timing of its next alert, that it happened.
     */
    @Property
    void touchedNamesExactlyTheRecipientsWhoseFoldChanged(
            @ForAll(supplier = Scenario.Generated.class) Scenario scenario) {
        ScenarioFold fold = ScenarioFold.forParties(scenario);
        for (Scenario.Step step : scenario.steps()) {
            String value = valueOf(step);
            Map<String, Evidence> before = value == null ? Map.of() : evidence(fold, copy(fold.state(value)));
            MergeResult result = fold.apply(step);
            if (result == null) {
                continue;
            }
            Map<String, Evidence> after = evidence(fold, fold.state(value));
            Set<String> changed = new HashSet<>();
            after.forEach((recipient, now) -> {
                if (!now.equals(before.get(recipient))) {
                    changed.add(recipient);
                }
            });
            assertThat(result.touched()).as("after %s in\n%s", step, scenario).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(changed);
        }
    }

    /** A party's revocation changes no other party's contribution, in the hub's evidence or in any recipient's. */
    @Property
    void aRevocationWithdrawsNothingOfAnotherParty(@ForAll(supplier = Scenario.Generated.class) Scenario scenario) {
        ScenarioFold fold = ScenarioFold.forParties(scenario);
        for (Scenario.Step step : scenario.steps()) {
            if (!(step instanceof Scenario.Revoke revoke)) {
                fold.apply(step);
                continue;
            }
            IndicatorState state = copy(fold.state(revoke.value()));
            Map<String, Evidence> before = evidence(fold, state);
            Map<String, Contribution> hubBefore = state == null ? Map.of() : state.getIndicator().getContributions();
            fold.apply(step);
            Map<String, Evidence> after = evidence(fold, fold.state(revoke.value()));
            Map<String, Contribution> hubAfter = fold.state(revoke.value()) == null ? Map.of()
                    : fold.state(revoke.value()).getIndicator().getContributions();
            assertThat(othersOf(hubAfter, revoke.party())).as("the hub's, after %s in\n%s", step, scenario)
                    .isEqualTo(othersOf(hubBefore, revoke.party()));
            if (hubAfter.containsKey(revoke.party())) {
                assertThat(hubAfter.get(revoke.party()).getRevoked()).isTrue();
            }
            after.forEach((recipient, now) -> assertThat(othersOf(now.contributions(), revoke.party()))
                    .as("%s's, after %s in\n%s", recipient, step, scenario)
                    .isEqualTo(othersOf(before.getOrDefault(recipient, Evidence.NONE).contributions(), revoke.party())));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** What one recipient's view is built from: the contributions and SOC feedback its fold holds. */
    private record Evidence(Map<String, Contribution> contributions, Map<String, PartyFeedback> feedback) {
        static final Evidence NONE = new Evidence(Map.of(), Map.of());
    }

    /** Per configured recipient, its evidence in {@code state} (none when it holds nothing of it). */
    private static Map<String, Evidence> evidence(ScenarioFold fold, IndicatorState state) {
        Map<String, Evidence> evidence = new HashMap<>();
        for (String recipient : fold.views().policy().recipients()) {
            RecipientState own = state == null ? null : state.getRecipients().get(recipient);
            evidence.put(recipient, own == null ? Evidence.NONE : new Evidence(
                    Map.copyOf(RecipientFolds.contributions(state, own)), Map.copyOf(RecipientFolds.feedback(state, own))));
        }
        return evidence;
    }

    private static Map<String, Contribution> othersOf(Map<String, Contribution> contributions, String party) {
        Map<String, Contribution> others = new HashMap<>(contributions);
        others.remove(party);
        return others;
    }

    private static String valueOf(Scenario.Step step) {
        if (step instanceof Scenario.Submit s) {
            return s.value();
        }
        if (step instanceof Scenario.Revoke r) {
            return r.value();
        }
        return step instanceof Scenario.Sight s ? s.value() : null;
    }

    /** A deep copy: the merger changes the state it is given in place. */
    private static IndicatorState copy(IndicatorState state) {
        return state == null ? null : IndicatorState.newBuilder(state).build();
    }

    private Map<String, Contribution> indicatorContributions() {
        return hub.state(VALUE).getIndicator().getContributions();
    }
}
