package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;

class ReportCommandTest {
    @TempDir
    Path dir;

    private Path result() throws Exception {
        Path file = dir.resolve("clip.result.json");
        ResultJson.write(new VideoAnalysis(new VideoInfo(dir.resolve("gone.mp4").toString(), "b".repeat(64), 4, 10,
                320, 240), new ModelInfo("ICM", "small", null, "cpu"), List.of(),
                List.of(new LocatedSentiment(1, 3, "negative", 0.7, "a frown"))), file);
        return file;
    }

    @Test
    void writesTheCsvAndAReportWithoutThumbnailsWhenTheVideoIsGone() throws Exception {
        CliRun cli = new CliRun();
        Path csv = dir.resolve("located.csv");
        Path html = dir.resolve("report.html");
        assertEquals(0, cli.run("report", result().toString(), "--csv", csv.toString(), "--html", html.toString()),
                cli.err::toString);
        assertTrue(Files.readString(csv).contains("gone.mp4,1.000,3.000,negative,0.7000,a frown"));
        assertTrue(Files.readString(html).contains("a frown"));
        assertTrue(cli.err.toString().contains("no thumbnails"), cli.err.toString());
    }

    @Test
    void askAnswersInThePapersForm() throws Exception {
        CliRun cli = new CliRun();
        assertEquals(0, cli.run("ask", result().toString(), "when", "and", "why?"), cli.err::toString);
        assertEquals("The location of negative is from 1.0s to 3.0s (score 0.70). The attribution of negative from "
                + "1.0s to 3.0s is: a frown. (Composed from the structured outputs of ICM small on cpu.)\n",
                cli.out.toString().replace("\r\n", "\n"));
    }

    @Test
    void nothingToWriteAndABadFileAreClearMessages() throws Exception {
        CliRun cli = new CliRun();
        assertEquals(2, cli.run("report", result().toString()));
        assertTrue(cli.err.toString().contains("--html FILE and/or --csv FILE"), cli.err.toString());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 2,\n \"video\": }");
        CliRun cli2 = new CliRun();
        assertEquals(1, cli2.run("report", bad.toString(), "--csv", dir.resolve("x.csv").toString()));
        assertTrue(cli2.err.toString().contains("bad.json, line 2"), cli2.err.toString());
        assertFalse(cli2.err.toString().contains("\tat org."), "no stack trace");
    }
}
