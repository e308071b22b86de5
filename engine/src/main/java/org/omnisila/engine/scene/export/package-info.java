/**
 * {@code omnisila scenes}: the per-frame cues the four scene extractors see (faces with expressions, posed
 * persons, objects, relation triples, person masks), written as {@code cues.json} and PNG masks so that they can
 * be inspected and drawn over the video (docs/formats.md, "Scene cues").
 */
package org.omnisila.engine.scene.export;
