package org.omnisila.engine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Timings of named steps over repeated runs, printed as a table of median, min and max milliseconds. */
public final class BenchTable {
    private final String title;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> millis = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchTable(String title) {
        this.title = title;
    }

    public void add(String step, double[] runMillis) {
        names.add(step);
        millis.add(runMillis.clone());
    }

    public void note(String line) {
        notes.add(line);
    }

    /**
     * Times a step: one warm-up call (class loading, JIT, native caches), then {@code runs} timed calls.
     *
     * @param runs timed calls
     * @param work the step; must return something (a null result is taken for a broken step)
     * @return milliseconds per timed call
     */
    public static double[] time(int runs, Supplier<?> work) {
        work.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Object result = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (result == null) {
                throw new IllegalStateException("benchmark step returned nothing");
            }
        }
        return ms;
    }

    public double median(String step) {
        return median(millis.get(names.indexOf(step)));
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public String format() {
        StringBuilder b = new StringBuilder(title).append('\n');
        int w = Math.max(4, names.stream().mapToInt(String::length).max().orElse(4));
        b.append(String.format(Locale.ROOT, "  %-" + w + "s %5s %11s %11s %11s%n", "step", "runs", "median ms",
                "min ms", "max ms"));
        for (int i = 0; i < names.size(); i++) {
            double[] m = millis.get(i);
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %5d %11.1f %11.1f %11.1f%n", names.get(i), m.length,
                    median(m), Arrays.stream(m).min().orElse(0), Arrays.stream(m).max().orElse(0)));
        }
        notes.forEach(n -> b.append("  ").append(n).append('\n'));
        return b.toString();
    }
}
