package org.omnisila.app.workbench.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.annotator.review.QueueQuery.Order;
import org.omnisila.annotator.review.QueueQuery.Show;
import org.omnisila.app.workbench.timeline.Fixtures;
import org.omnisila.engine.api.Scene;

/** The annotation state without a window: executors run at once, so every call has taken effect on return. */
class AnnotationViewModelTest {
    @TempDir
    Path dir;
    private final AnnotationViewModel model = new AnnotationViewModel(Runnable::run, Runnable::run);

    @BeforeEach
    void openAProjectOfThreeAttributions() throws Exception {
        Path jsonl = dir.resolve("a.jsonl");
        Files.writeString(jsonl, line(1.0, 2.0, "negative") + "\n" + line(2.5, 4.0, "positive") + "\n"
                + line(4.0, 5.5, "neutral") + "\n");
        Path file = dir.resolve("p.sila");
        AnnotationProject.create(file, "P");
        try (AnnotationProject p = AnnotationProject.open(file, "importer")) {
            AttributionImporter.importFile(p, jsonl, ImportListener.SILENT, () -> false);
        }
        model.open(file, "Ann").get();
    }

    @AfterEach
    void close() throws Exception {
        model.close().get();
    }

    private static String line(double start, double end, String sentiment) {
        return "{\"video\": \"clip.mp4\", \"start\": " + start + ", \"end\": " + end + ", \"aspects\": {\"face\": "
                + "\"f\", \"action\": \"a\", \"object\": \"o\", \"background\": \"b\"}, \"sentiment\": \""
                + sentiment + "\", \"generator\": {\"name\": \"gpt-4-vision-preview\", \"version\": \"1\"}}";
    }

    private Item selected() {
        return model.selectedProperty().get();
    }

    @Test
    void theFirstItemIsSelectedAndTheChipsCount() {
        assertEquals(3, model.queue().items().size());
        assertEquals(1.0, selected().start(), 0);
        model.reject();
        assertEquals(ItemState.REJECTED, selected().state(), "the selection is the item as saved");
        assertEquals(ItemState.REJECTED, model.queue().items().get(0).state(), "and so is the queue's");
        Map<Show, Integer> counts = model.queue().countsProperty().get();
        assertEquals(3, counts.get(Show.ALL));
        assertEquals(2, counts.get(Show.UNREVIEWED));
        assertEquals(1, counts.get(Show.REJECTED));
    }

    @Test
    void aFilterListsItsItemsAndKeepsTheSelectionWhenItCan() {
        assertTrue(model.queue().next());
        model.reject();
        model.queue().showProperty().set(Show.REJECTED);
        assertEquals(1, model.queue().items().size());
        assertEquals(2.5, selected().start(), 0, "the rejected item stays selected");
        model.queue().showProperty().set(Show.UNREVIEWED);
        assertEquals(List.of(1.0, 4.0), model.queue().items().stream().map(Item::start).toList());
        assertEquals(1.0, selected().start(), 0, "no longer listed: the first is selected");
    }

    @Test
    void nextAndPreviousStopAtTheEnds() {
        assertFalse(model.queue().previous());
        assertTrue(model.queue().next());
        assertTrue(model.queue().next());
        assertFalse(model.queue().next());
        assertEquals(4.0, selected().start(), 0);
    }

    @Test
    void theLabelChoiceCountsAndFilters() {
        assertEquals(Map.of("negative", 1, "positive", 1, "neutral", 1), model.queue().labelCountsProperty().get());
        model.setLabel("positive");
        assertEquals(2, model.queue().labelCountsProperty().get().get("positive"));
        model.queue().labelProperty().set("positive");
        assertEquals(List.of(1.0, 2.5), model.queue().items().stream().map(Item::start).toList());
        assertEquals(2, model.queue().countsProperty().get().get(Show.ALL), "the chips count within the label");
    }

    @Test
    void aSpanSnapsToFramesAndABadOneIsRefusedWithNothingSaved() {
        model.frameRateProperty().set(10);
        model.setSpan(1.04, 2.46);
        assertEquals(1.0, selected().start(), 0);
        assertEquals(2.5, selected().end(), 0);
        assertEquals(ItemState.EDITED, selected().state());
        model.setSpan("3", "2");
        assertTrue(model.problemProperty().get().startsWith("The end (2.000 s) is before the start (3.000 s)"),
                model.problemProperty().get());
        model.setSpan("1", "two");
        assertTrue(model.problemProperty().get().startsWith("The end \"two\" is not a time"));
        assertEquals(2.5, selected().end(), 0, "nothing saved");
        model.rate(7);
        assertTrue(model.problemProperty().get().contains("1 to 6"), model.problemProperty().get());
        model.rate(4);
        assertEquals("", model.problemProperty().get(), "an edit that succeeds clears the message");
        assertEquals(4, selected().rating());
    }

    @Test
    void undoSelectsTheItemItTakesBackAndRedoMakesItAgain() {
        model.editAspect(Scene.OBJECT, "a red flag");
        model.queue().next();
        model.queue().next();
        assertTrue(model.undo());
        assertEquals(1.0, selected().start(), 0, "the undone item is selected");
        assertEquals("o", selected().aspects().object());
        assertEquals(ItemState.UNREVIEWED, selected().aspectStates().object());
        assertTrue(model.redo());
        assertEquals("a red flag", selected().aspects().object());
        assertTrue(model.undo());
        assertFalse(model.undo(), "nothing left to undo");
    }

    @Test
    void theModelsOpinionIsRecordedAndOrdersTheQueueByUncertainty() {
        for (int i = 0; i < 3; i++) {
            model.modelSays(Fixtures.analysis()); // segments 0-2 positive 0.7, 2-4 negative 0.87, 4-6 negative 0.6
            model.queue().next();
        }
        model.queue().previous();
        model.queue().previous();
        assertEquals("positive", model.opinionProperty().get().label());
        assertEquals(0.7, model.opinionProperty().get().confidence(), 1e-9);
        model.queue().orderProperty().set(Order.MODEL_UNCERTAINTY);
        assertEquals(List.of(4.0, 1.0, 2.5), model.queue().items().stream().map(Item::start).toList(),
                "least confident first: 0.6, 0.7, 0.87");
        model.queue().showProperty().set(Show.LOW_CONFIDENCE);
        assertEquals(0, model.queue().items().size(), "every opinion is 0.5 or more");
    }

    @Test
    void aNewProjectIsCreatedAndOpenedInPlaceOfTheOpenOne() throws Exception {
        AnnotationProject before = model.projectProperty().get();
        model.create(dir.resolve("new.sila"), "Fresh", "Ann").get();
        assertEquals("Fresh", model.projectProperty().get().name());
        assertEquals(0, model.queue().items().size());
        assertNull(selected());
        assertFalse(before == model.projectProperty().get());
        try (AnnotationProject reopened = AnnotationProject.open(dir.resolve("p.sila"), "Bob")) {
            assertEquals(3, reopened.items(org.omnisila.annotator.project.ItemFilter.all()).size(),
                    "the project open before was closed (its lock released)");
        }
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> model.create(dir.resolve("new.sila"), "Again", "Ann").get());
        assertTrue(e.getCause().getMessage().contains("new.sila"), e.getCause().getMessage());
    }

    @Test
    void aProjectThatCannotBeOpenedSaysWhyAndLeavesNoneOpen() {
        CompletableFuture<Void> opening = model.open(dir.resolve("missing.sila"), "Ann");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, opening::get);
        assertTrue(e.getCause() instanceof ProjectException, e.getCause().toString());
        assertTrue(e.getCause().getMessage().contains("missing.sila"), e.getCause().getMessage());
        assertNull(model.projectProperty().get());
        assertEquals(0, model.queue().items().size());
    }
}
