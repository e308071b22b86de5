/**
 * Scene-Enriched Modeling (paper section 3.1): from a segment's frames to the four scene feature sequences
 * x_f, x_a, x_o, x_b and their cues, with the pretrained models of ../shared/models.md.
 */
package org.omnisila.engine.scene;
