/**
 * ICM checkpoints on disk: a directory with {@code config.json}, {@code weights.safetensors}, an optional
 * {@code dictionary.safetensors} and, written last, {@code checkpoint.json}, which records the size and
 * SHA-256 of every other file. {@link org.omnisila.engine.icm.checkpoint.IcmCheckpoint} is the entry point;
 * the layout is described in {@code docs/formats.md}, section "Checkpoints".
 */
package org.omnisila.engine.icm.checkpoint;
