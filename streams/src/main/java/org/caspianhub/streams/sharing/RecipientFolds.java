package org.caspianhub.streams.sharing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.PartyFeedback;
import org.caspianhub.avro.streams.RecipientState;
import org.caspianhub.streams.merge.EvidenceFold;

/**
 * Noninterference, where it is made: each recipient folds into its own evidence only the events
 * it may see (docs/sharing-policy.md). A submission under a TLP the recipient may not see does
 * not exist for it, except that one which tightens a contribution it could see withdraws that
 * contribution, exactly as the contributor's open revocation would. SOC feedback counts for it
 * only under {@code CASPIAN_STREAMS_SIGHTINGS_TLP}, and only once it knows of the indicator. A
 * revocation withdraws what the recipient holds of the revoking party, and nothing else.
 *
 * <p>So a recipient's evidence is, by construction, the hub's evidence for the same events with
 * every contribution it may not see removed: tags, references, descriptions, times and counts
 * each keep the TLP of the submission that said them. While every event so far was visible to a
 * recipient its evidence is the hub's own, and it stores only that fact ({@code mirrorsHub}): a
 * copy is made when an event first parts the two, and dropped when they meet again.
 *
 * <p>Used in two steps around the hub's own fold: {@link #prepare} before it, {@link #fold} after.
 */
public final class RecipientFolds {

    private final TlpPolicy policy;
    private final Tlp feedbackTlp;

    public RecipientFolds(TlpPolicy policy, Tlp feedbackTlp) {
        this.policy = policy;
        this.feedbackTlp = feedbackTlp;
    }

    public List<String> recipients() {
        return policy.recipients();
    }

    /** Whether {@code recipient} may see {@code event} at all. */
    public boolean sees(String recipient, IndicatorEvent event) {
        if (event.getSighting() != null) {
            return policy.mayLearn(recipient, event.getParty(), feedbackTlp);
        }
        if (event.getSubmission().getAction() == SubmissionAction.REVOKE) {
            return true; // it reaches only what the recipient holds of the revoking party
        }
        return policy.mayLearn(recipient, event.getParty(), event.getSubmission().getTlp());
    }

    /**
     * Before the hub folds {@code event} into {@code current}: which recipients fold it as the hub
     * does (they mirror the hub and see the event, or the indicator is new to everyone), and a
     * copy of the hub's evidence for each mirroring recipient the event will part from it.
     *
     * @return per recipient (in {@link #recipients()} order), whether it shares the hub's step
     */
    public boolean[] prepare(IndicatorState current, IndicatorEvent event) {
        List<String> recipients = recipients();
        boolean[] sharesHubStep = new boolean[recipients.size()];
        for (int i = 0; i < recipients.size(); i++) {
            String recipient = recipients.get(i);
            boolean sees = sees(recipient, event);
            if (current == null) {
                sharesHubStep[i] = sees;
                continue;
            }
            RecipientState own = current.getRecipients().get(recipient);
            if (own != null && own.getMirrorsHub()) {
                if (sees) {
                    sharesHubStep[i] = true;
                } else {
                    copyHubEvidence(current, own);
                }
            }
        }
        return sharesHubStep;
    }

    /**
     * What one event did to the recipients' folds.
     *
     * @param touched           the recipients whose evidence the event changed (only they may be told anything now)
     * @param visibilityChanged who stands behind the indicator, or under which TLP, changed in some recipient's fold
     */
    public record Folded(List<String> touched, boolean visibilityChanged) {
    }

    /**
     * After the hub folded {@code event} into {@code state} with {@code hubStep}: folds it into
     * every recipient's own evidence.
     */
    public Folded fold(IndicatorState state, IndicatorEvent event, boolean[] sharesHubStep, EvidenceFold.Step hubStep) {
        List<String> recipients = recipients();
        List<String> touched = new ArrayList<>(recipients.size());
        boolean visibilityChanged = false;
        for (int i = 0; i < recipients.size(); i++) {
            String recipient = recipients.get(i);
            if (sharesHubStep[i]) {
                if (hubStep.touched()) {
                    RecipientState own = state.getRecipients().get(recipient);
                    if (own == null) {
                        state.getRecipients().put(recipient, mirror());
                    }
                    touched.add(recipient);
                    visibilityChanged |= hubStep.visibilityChanged();
                }
                continue;
            }
            RecipientState own = state.getRecipients().get(recipient);
            RecipientState folding = own != null ? own : separate();
            EvidenceFold.Step step = foldOwn(folding, recipient, event);
            if (!step.touched()) {
                continue;
            }
            if (own == null) {
                state.getRecipients().put(recipient, folding);
            }
            if (folding.getContributions().equals(state.getIndicator().getContributions())
                    && folding.getFeedback().equals(state.getFeedback())) {
                folding.setMirrorsHub(true); // met the hub again: stop keeping a copy
                folding.setContributions(new HashMap<>(0));
                folding.setFeedback(new HashMap<>(0));
            }
            touched.add(recipient);
            visibilityChanged |= step.visibilityChanged();
        }
        return new Folded(touched, visibilityChanged);
    }

    private EvidenceFold.Step foldOwn(RecipientState own, String recipient, IndicatorEvent event) {
        Map<String, Contribution> contributions = own.getContributions();
        if (!sees(recipient, event)) {
            if (event.getSubmission() != null && EvidenceFold.active(contributions, event.getParty())) {
                // a tightening it may not see: for it, the contributor withdrew its report
                return EvidenceFold.withdraw(contributions, event.getParty(), event.getSubmission().getSubmissionId());
            }
            return EvidenceFold.Step.UNSEEN;
        }
        if (event.getSighting() != null) {
            return EvidenceFold.sight(contributions, own.getFeedback(), event.getParty(), event.getSighting());
        }
        if (event.getSubmission().getAction() == SubmissionAction.REVOKE) {
            return EvidenceFold.withdraw(contributions, event.getParty(), event.getSubmission().getSubmissionId());
        }
        return EvidenceFold.submit(contributions, event);
    }

    /** The contributions a recipient's view is built from. */
    public static Map<String, Contribution> contributions(IndicatorState state, RecipientState own) {
        return own.getMirrorsHub() ? state.getIndicator().getContributions() : own.getContributions();
    }

    /** The SOC feedback a recipient's view is built from. */
    public static Map<String, PartyFeedback> feedback(IndicatorState state, RecipientState own) {
        return own.getMirrorsHub() ? state.getFeedback() : own.getFeedback();
    }

    private static RecipientState mirror() {
        return new RecipientState(true, new HashMap<>(0), new HashMap<>(0), null, 0L);
    }

    private static RecipientState separate() {
        return new RecipientState(false, new HashMap<>(2), new HashMap<>(0), null, 0L);
    }

    /** Deep copies, since the hub's evidence is about to change in place. */
    private static void copyHubEvidence(IndicatorState hub, RecipientState own) {
        Map<String, Contribution> contributions = new HashMap<>(4);
        hub.getIndicator().getContributions().forEach((party, c) -> contributions.put(party,
                Contribution.newBuilder(c).build()));
        Map<String, PartyFeedback> feedback = new HashMap<>(2);
        hub.getFeedback().forEach((party, f) -> feedback.put(party, PartyFeedback.newBuilder(f).build()));
        own.setMirrorsHub(false);
        own.setContributions(contributions);
        own.setFeedback(feedback);
    }
}
