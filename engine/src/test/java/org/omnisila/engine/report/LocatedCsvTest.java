package org.omnisila.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatedCsvTest {
    @Test
    void oneRowPerLocatedSentimentQuotedAsRfc4180Says(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("located.csv");
        LocatedCsv.write(ReportFixtures.analysis("/videos/clip, one.mp4"), file);
        assertEquals("video,start,end,label,score,attribution\r\n"
                + "\"clip, one.mp4\",0.000,2.000,positive,0.8000,\"She smiles, \"\"broadly\"\", at 1.2 s\"\r\n"
                + "\"clip, one.mp4\",2.000,4.000,negative,0.6500,\"<script>alert(1)</script> & a frown\nat 3 s\"\r\n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void plainFieldsAreNotQuoted() {
        assertEquals("Fire", LocatedCsv.field("Fire"));
        assertEquals("\"a\rb\"", LocatedCsv.field("a\rb"));
    }
}
