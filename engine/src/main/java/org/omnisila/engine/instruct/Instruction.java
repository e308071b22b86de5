package org.omnisila.engine.instruct;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an analyst asks, in the paper's form ("Please identify and locate the implicit visual sentiment, and
 * attribute it"), read into the parts of the task asked for and, optionally, the stretch of video asked about
 * ("... in segment 3", "... at 12 s", "... from 4 s to 8 s").
 *
 * @param tasks   identify, locate and/or attribute; all three when the text names none
 * @param from    start of the stretch asked about, seconds, or NaN for the whole video
 * @param to      end of the stretch, seconds, or NaN
 * @param segment the segment index asked about, or -1
 */
public record Instruction(Set<Task> tasks, double from, double to, int segment) {
    /** The three parts of the Omni-SILA task. */
    public enum Task { IDENTIFY, LOCATE, ATTRIBUTE }

    /** The paper's instruction (section 3.4). */
    public static final String PAPER = "Please identify and locate the implicit visual sentiment, and attribute it";

    private static final Pattern SEGMENT = Pattern.compile("\\bsegment\\s*#?\\s*(\\d+)");
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|second|seconds)\\b";
    private static final Pattern RANGE = Pattern.compile("\\bfrom\\s+" + NUMBER + "\\s*(?:to|-|until)\\s*" + NUMBER);
    private static final Pattern AT = Pattern.compile("\\b(?:at|around)\\s+" + NUMBER);

    public Instruction {
        tasks = Set.copyOf(tasks);
    }

    /** Reads an instruction; anything it does not recognise asks for the whole task over the whole video. */
    public static Instruction parse(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        EnumSet<Task> tasks = EnumSet.noneOf(Task.class);
        if (t.contains("identify") || t.contains("what ")) {
            tasks.add(Task.IDENTIFY);
        }
        if (t.contains("locate") || t.contains("when") || t.contains("timestamp")) {
            tasks.add(Task.LOCATE);
        }
        if (t.contains("attribut") || t.contains("why") || t.contains("explain")) {
            tasks.add(Task.ATTRIBUTE);
        }
        if (tasks.isEmpty()) {
            tasks = EnumSet.allOf(Task.class);
        }
        Matcher m = SEGMENT.matcher(t);
        if (m.find()) {
            return new Instruction(tasks, Double.NaN, Double.NaN, Integer.parseInt(m.group(1)));
        }
        m = RANGE.matcher(t);
        if (m.find()) {
            double a = Double.parseDouble(m.group(1));
            double b = Double.parseDouble(m.group(2));
            return new Instruction(tasks, Math.min(a, b), Math.max(a, b), -1);
        }
        m = AT.matcher(t);
        if (m.find()) {
            double a = Double.parseDouble(m.group(1));
            return new Instruction(tasks, a, a, -1);
        }
        return new Instruction(tasks, Double.NaN, Double.NaN, -1);
    }

    /** @return whether the question is about the whole video */
    public boolean wholeVideo() {
        return segment < 0 && Double.isNaN(from);
    }
}
