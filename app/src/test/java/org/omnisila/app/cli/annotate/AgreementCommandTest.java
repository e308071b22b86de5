package org.omnisila.app.cli.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.ImportBatch;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.NewItem;
import org.omnisila.annotator.review.Review;
import picocli.CommandLine;

/**
 * {@code agreement} on two annotators' copies of four items (item i spans [2i, 2i + 2] s of clip.mp4):
 * Ann: negative, negative, rejected, negative [6, 8]; Bob: negative, positive, rejected, negative [6, 7].
 * Categories agree on 3 of 4 (p_o = 3/4); Ann 3 negative + 1 rejected, Bob 2 negative, 1 positive, 1 rejected:
 * p_e = 3/4 * 2/4 + 1/4 * 1/4 = 7/16, kappa = (12/16 - 7/16) / (9/16) = 5/9 = 0.556. Kept by both: items 0, 1, 3
 * with tIoU 1, 1, 0.5: mean 2.5 / 3 = 0.833. The ids are 1-4, so the id column is as wide as its header.
 */
class AgreementCommandTest {

    @TempDir
    Path folder;

    private Path ann;
    private Path bob;
    private long[] ids;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void twoCopies() throws IOException {
        ann = folder.resolve("ann.sila");
        AnnotationProject.create(ann, "Protest footage");
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            try (ImportBatch batch = project.beginImport(ImportKind.ATTRIBUTIONS, Path.of("a.jsonl"))) {
                long video = batch.video("/videos/clip.mp4", null, 60.0);
                for (int i = 0; i < 4; i++) {
                    batch.add(new NewItem(video, 2.0 * i, 2.0 * i + 2, null, "negative",
                            new Aspects("f", "a", "o", "b"), "s", ItemSource.ATTRIBUTION, "gpt", "1", null));
                }
                batch.finish(0);
            }
            ids = project.items(ItemFilter.all()).stream().mapToLong(i -> i.id()).toArray();
        }
        bob = Files.copy(ann, folder.resolve("bob.sila"));
        try (AnnotationProject project = AnnotationProject.open(ann, "Ann")) {
            Review review = new Review(project);
            review.accept(ids[0]);
            review.accept(ids[1]);
            review.reject(ids[2]);
            review.accept(ids[3]);
        }
        try (AnnotationProject project = AnnotationProject.open(bob, "Bob")) {
            Review review = new Review(project);
            review.accept(ids[0]);
            review.setLabel(ids[1], "positive");
            review.reject(ids[2]);
            review.setSpan(ids[3], 6, 7);
        }
    }

    /** {@code omnisila annotate agreement ARGS}, as the command line runs it. */
    private int run(String... args) {
        CommandLine cl = new CommandLine(new AnnotateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "agreement";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void printsKappaTiouAndTheDisagreementsAsTables() {
        assertEquals(0, run(ann.toString(), "--peer", bob.toString(), "--annotator", "Carl"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("imported bob.sila: 4 judgements by Bob\n"), text);
        assertTrue(text.contains("raters: Ann, Bob\n"), "the project's reviewer, not who ran the command: " + text);
        assertTrue(text.contains("\nAnn      Bob      4      0.556  3             0.833\n"), text);
        // Fleiss: P = (1 + 0 + 1 + 1) / 4 = 0.75; shares 5/8, 1/8, 2/8: Pe = 0.46875; (0.75 - Pe) / (1 - Pe) = 0.529
        assertTrue(text.contains("Fleiss' kappa (all raters, items every rater judged): 0.529 (4 items)\n"), text);
        assertTrue(text.contains("mean tIoU of segments (items two raters both kept, 3 comparisons): 0.833\n"), text);
        String[] lines = text.split("\n");
        int header = java.util.Arrays.asList(lines).indexOf(
                "item  video     segment      Ann                   Bob                   lowest tIoU");
        assertTrue(header > 0, text);
        assertEquals(ids[1] + "     clip.mp4  2.00-4.00 s  negative 2.00-4.00 s  positive 2.00-4.00 s  1.000",
                lines[header + 1]);
        assertEquals(ids[3] + "     clip.mp4  6.00-8.00 s  negative 6.00-8.00 s  negative 6.00-7.00 s  0.500",
                lines[header + 2]);
        assertEquals(header + 3, lines.length, "two items disagree");
    }

    @Test
    void writesJsonWithUndefinedKappasSpelledOut() throws IOException {
        assertEquals(0, run(ann.toString(), "--peer", bob.toString(), "--format", "json", "--top", "1"),
                err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(5.0 / 9, json.get("pairs").get(0).get("cohenKappa").get("value").asDouble(), 1e-12);
        assertEquals(2.5 / 3, json.get("meanTiou").asDouble(), 1e-12);
        assertEquals(1, json.get("disagreements").size());
        assertEquals(ids[1], json.get("disagreements").get(0).get("item").asLong());
        assertEquals("positive", json.get("disagreements").get(0).get("judgements").get("Bob").get("label").asText());
        assertEquals(4, json.get("imported").get(0).get("judgements").get("Bob").asInt());

        out.getBuffer().setLength(0);
        assertEquals(0, run(ann.toString(), "--format", "json"), "no peer given: the one imported before stays");
        assertEquals(2, new ObjectMapper().readTree(out.toString()).get("raters").size());
    }

    @Test
    void oneRaterSaysWhatIsMissingAndBadInputIsOneLine() {
        Path alone = folder.resolve("alone.sila");
        AnnotationProject.create(alone, "alone");
        assertEquals(0, run(alone.toString(), "--format", "json"));
        assertTrue(out.toString().contains("\"undefined\" : \"needs at least two raters; import another annotator's"
                + " copy of the project\""), out.toString());

        Path missing = folder.resolve("missing.sila");
        assertEquals(1, run(missing.toString()));
        assertEquals("annotate agreement: " + missing.toAbsolutePath() + ": no such project file\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, run(ann.toString(), "--format", "xml"));
        assertEquals("annotate agreement: unknown --format \"xml\"; use text or json\n", err.toString());
    }
}
