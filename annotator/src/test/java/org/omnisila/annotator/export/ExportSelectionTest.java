package org.omnisila.annotator.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.omnisila.annotator.project.AspectStates;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.Scene;

/** Which items and texts an export takes: the per-aspect review state decides for each aspect. */
class ExportSelectionTest {

    private static Item item(ItemState state, AspectStates aspects) {
        return new Item(1, 1, "/v.mp4", 2, 4, null, "negative",
                new Aspects(" He frowns. ", "He shouts.", "man - holds - sign", ""), "Anger at the police.",
                ItemSource.ATTRIBUTION, "gpt-4-vision-preview", "x", null, state, null, aspects, "k");
    }

    @Test
    void aRejectedAspectIsLeftOutAndTheOthersAreTrimmed() {
        ExportSelection selection = ExportSelection.of(false);
        Item edited = item(ItemState.EDITED, AspectStates.unreviewed().with(Scene.ACTION, ItemState.REJECTED)
                .with(Scene.FACE, ItemState.ACCEPTED));
        assertTrue(selection.exports(edited));
        assertEquals("He frowns.", selection.aspect(edited, Scene.FACE));
        assertNull(selection.aspect(edited, Scene.ACTION), "rejected by the annotator");
        assertEquals("man - holds - sign", selection.aspect(edited, Scene.OBJECT));
        assertNull(selection.aspect(edited, Scene.BACKGROUND), "blank");
        assertEquals("Anger at the police.", selection.summary(edited));
    }

    @Test
    void itemStatesDecideWhetherTheItemGoesAtAll() {
        AspectStates none = AspectStates.unreviewed();
        assertFalse(ExportSelection.of(true).exports(item(ItemState.REJECTED, none)));
        assertFalse(ExportSelection.of(false).exports(item(ItemState.UNREVIEWED, none)));
        assertTrue(ExportSelection.of(true).exports(item(ItemState.UNREVIEWED, none)));
        assertTrue(ExportSelection.of(false).exports(item(ItemState.ACCEPTED, none)));
    }
}
