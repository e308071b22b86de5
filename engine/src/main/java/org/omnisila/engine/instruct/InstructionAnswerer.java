package org.omnisila.engine.instruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * Answers an {@link Instruction} from an analysis in the response forms of the paper's instruction data (section
 * 4.1): "The explicit visual sentiment is ...", "The location of ... is from 4s to 18s.", "The attribution is
 * ...". With the small ICM the answer is composed from its structured outputs (located sentiments, segment
 * scores, attribution texts), not generated: the answer says so and which model it came from.
 */
public final class InstructionAnswerer {
    private InstructionAnswerer() {
    }

    /** @return the answer, one sentence per part asked for, then where it came from */
    public static String answer(VideoAnalysis a, Instruction q) {
        List<String> out = new ArrayList<>();
        String kind = kind(a);
        if (q.wholeVideo()) {
            wholeVideo(a, q, kind, out);
        } else {
            stretch(a, q, kind, out);
        }
        out.add(String.format(Locale.ROOT, "(Composed from the structured outputs of %s %s on %s.)",
                a.model().name(), a.model().config(), a.model().device()));
        return String.join(" ", out);
    }

    private static void wholeVideo(VideoAnalysis a, Instruction q, String kind, List<String> out) {
        List<LocatedSentiment> located = a.located();
        if (located.isEmpty()) {
            out.add("No " + kind + " visual sentiment was located in the video.");
            return;
        }
        if (q.tasks().contains(Instruction.Task.IDENTIFY)) {
            List<String> labels = located.stream().map(LocatedSentiment::label).distinct().toList();
            out.add(labels.size() == 1 ? "The " + kind + " visual sentiment is " + labels.get(0) + "."
                    : "The " + kind + " visual sentiments are " + join(labels) + ".");
        }
        if (q.tasks().contains(Instruction.Task.LOCATE)) {
            for (LocatedSentiment l : located) {
                out.add(String.format(Locale.ROOT, "The location of %s is from %s to %s (score %.2f).", l.label(),
                        seconds(l.start()), seconds(l.end()), l.score()));
            }
        }
        if (q.tasks().contains(Instruction.Task.ATTRIBUTE)) {
            for (LocatedSentiment l : located) {
                if (l.attribution() != null && !l.attribution().isBlank()) {
                    out.add(String.format(Locale.ROOT, "The attribution of %s from %s to %s is: %s", l.label(),
                            seconds(l.start()), seconds(l.end()), sentence(l.attribution())));
                }
            }
        }
    }

    private static void stretch(VideoAnalysis a, Instruction q, String kind, List<String> out) {
        List<SegmentResult> asked = new ArrayList<>();
        for (SegmentResult s : a.segments()) {
            boolean inside = q.segment() >= 0 ? s.index() == q.segment()
                    : s.end() > q.from() && s.start() <= q.to();
            if (inside) {
                asked.add(s);
            }
        }
        if (asked.isEmpty()) {
            out.add(q.segment() >= 0 ? "The video has no segment " + q.segment() + " (it has "
                    + a.segments().size() + ")." : "No analysed segment covers that time.");
            return;
        }
        for (SegmentResult s : asked) {
            String top = s.topLabel();
            String where = String.format(Locale.ROOT, "In segment %d (%s to %s)", s.index(), seconds(s.start()),
                    seconds(s.end()));
            if (q.tasks().contains(Instruction.Task.IDENTIFY) || q.tasks().contains(Instruction.Task.LOCATE)) {
                out.add(top == null ? where + " no sentiment was scored."
                        : String.format(Locale.ROOT, "%s the %s visual sentiment is %s (%.2f).", where, kind, top,
                                s.sentimentScores().get(top)));
            }
            if (q.tasks().contains(Instruction.Task.ATTRIBUTE) && s.attribution() != null
                    && !s.attribution().isBlank()) {
                out.add("The attribution is: " + sentence(s.attribution()));
            }
        }
    }

    /** {@code explicit} when every label of the model is explicit, else {@code implicit}. */
    static String kind(VideoAnalysis a) {
        for (SegmentResult s : a.segments()) {
            for (String label : s.sentimentScores().keySet()) {
                if (!SentimentLabels.EXPLICIT.contains(label)) {
                    return "implicit";
                }
            }
        }
        return "explicit";
    }

    private static String seconds(double t) {
        return String.format(Locale.ROOT, "%.1fs", t);
    }

    private static String sentence(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    private static String join(List<String> items) {
        if (items.size() == 2) {
            return items.get(0) + " and " + items.get(1);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
