package org.omnisila.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.io.ActivityNetReader;

class EvalBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void writesValidDataOfTheRequestedSize() throws Exception {
        EvalBenchmark.Settings s = new EvalBenchmark.Settings(20, 333, 1, 3);
        EvalBenchmark.writeData(s, dir.resolve("g.json"), dir.resolve("p.json"));
        Diagnostics d = new Diagnostics();
        assertEquals(20, ActivityNetReader.readGroundTruth(dir.resolve("g.json"), d).videos().size());
        assertEquals(333, ActivityNetReader.readPredictions(dir.resolve("p.json"), d).segmentCount());
        assertFalse(d.hasErrors(), () -> d.all().toString());
    }

    @Test
    void printsOneRowPerStep() throws Exception {
        String table = EvalBenchmark.run(new EvalBenchmark.Settings(10, 100, 2, 1), dir).format();
        assertTrue(table.contains("mAP + segment F2 (3 tIoU)"), table);
        assertTrue(table.contains("whole evaluation (with reading)"), table);
        assertEquals(10, table.lines().count(), table); // title, header, 7 steps, file sizes
    }
}
