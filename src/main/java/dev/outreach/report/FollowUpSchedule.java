package dev.outreach.report;

import dev.outreach.lead.Stage;
import dev.outreach.template.TemplateInfo;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SOP follow-up rule of each stage. A stage whose template declares {@code followUpWithin}
 * (LEAD_GENERATION 24 h, PRESENTATION 48 h in the shipped templates) owes that one follow-up per
 * stay; a stage with a configured cadence owes one every cadence; a template deadline wins over a
 * cadence. A stage with neither owes nothing.
 */
public final class FollowUpSchedule {

    private final Map<Stage, FollowUpRule> rules;

    private FollowUpSchedule(Map<Stage, FollowUpRule> rules) {
        this.rules = rules;
    }

    /**
     * @param templates the catalog's templates (only valid front matter is listed there)
     * @param cadences  per stage, the repeating cadence and the name of its configuration key
     */
    public static FollowUpSchedule of(Collection<TemplateInfo> templates, Map<Stage, Cadence> cadences) {
        Map<Stage, FollowUpRule> rules = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            List<TemplateInfo> forStage = templates.stream().filter(t -> t.stage() == stage)
                    .sorted(Comparator.comparing(TemplateInfo::name)).toList();
            Optional<TemplateInfo> withDeadline = forStage.stream().filter(t -> t.followUpWithin() != null).findFirst();
            if (withDeadline.isPresent()) {
                TemplateInfo t = withDeadline.get();
                rules.put(stage, new FollowUpRule(stage, t.name(), t.followUpWithin(), false, "template " + t.name()));
                continue;
            }
            Cadence cadence = cadences.get(stage);
            if (cadence != null) {
                String template = forStage.isEmpty() ? null : forStage.get(0).name();
                rules.put(stage, new FollowUpRule(stage, template, cadence.every(), true, cadence.configKey()));
            }
        }
        return new FollowUpSchedule(rules);
    }

    /** A repeating follow-up, every {@code every} of business time, set by configuration key {@code configKey}. */
    public record Cadence(Duration every, String configKey) {
    }

    public Optional<FollowUpRule> rule(Stage stage) {
        return Optional.ofNullable(rules.get(stage));
    }

    /** Every stage's rule, in stage order. */
    public List<FollowUpRule> rules() {
        return List.copyOf(rules.values());
    }
}
