// Reference outputs of the two TF.js graph models, computed by TF.js itself (pure-JS CPU backend).
// The Java executor (org.omnisila.engine.tfjs) is tested against what this script writes.
// How to run it (versions, inputs): README.md beside this file.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const tf = require('@tensorflow/tfjs');
const jpeg = require('jpeg-js');

const crypto = require('crypto');

const [humanDir, faceApiDir, outDir, cropsDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node reference.js HUMAN_PACKAGE_DIR FACE_API_PACKAGE_DIR OUT_DIR [PORTRAIT_CROPS_DIR]');
  process.exit(2);
}

/** Loads a graph model from model.json + its shards on disk (no fetch). */
async function loadGraph(jsonFile) {
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  const specs = [];
  const shards = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) shards.push(fs.readFileSync(path.join(path.dirname(jsonFile), p)));
  }
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy,
      convertedBy: json.convertedBy, signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
      weightSpecs: specs, weightData,
    }),
  });
}

/** Emotion test pattern, [2,64,64,1]: exact in float32 (integer arithmetic, one division). */
function emotionPattern() {
  const v = new Float32Array(2 * 64 * 64);
  for (let n = 0; n < 2; n++) for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
    const k = (x * 7 + y * 13 + n * 29 + (x * y) % 17) % 64;
    v[(n * 64 + y) * 64 + x] = k / 63 * 2 - 1;
  }
  return tf.tensor4d(v, [2, 64, 64, 1]);
}

/** CenterNet test pattern, [1,512,512,3], integers 0..255. */
function centernetPattern() {
  const v = new Float32Array(512 * 512 * 3);
  for (let y = 0; y < 512; y++) for (let x = 0; x < 512; x++) for (let c = 0; c < 3; c++) {
    v[(y * 512 + x) * 3 + c] = (x * 3 + y * 5 + c * 85 + ((y >> 4) * (x >> 4)) % 7 * 20) % 256;
  }
  return tf.tensor4d(v, [1, 512, 512, 3]);
}

/** A region of a decoded JPEG, nearest-neighbour sampled to w x h: src = floor(i * size / out). */
function sample(img, x0, y0, size, w, h) {
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const sy = y0 + Math.floor(y * size[1] / h);
    const sx = x0 + Math.floor(x * size[0] / w);
    for (let c = 0; c < 3; c++) rgb[(y * w + x) * 3 + c] = img.data[(sy * img.width + sx) * 4 + c];
  }
  return rgb;
}

/** The emotion model's input as @vladmandic/human 3.3.6 makes it (src/gear/emotion.ts). */
function emotionInput(rgbBytes, w, h) {
  return tf.tidy(() => {
    const image = tf.div(tf.tensor4d(Float32Array.from(rgbBytes), [1, h, w, 3]), 255);
    const resize = tf.image.resizeBilinear(image, [64, 64], false);
    const grey = tf.sum(tf.mul(resize, [0.2989, 0.5870, 0.1140]), 3, true);
    return tf.mul(tf.sub(grey, 0.5), 2);
  });
}

/** Every stride-th element of a tensor, from offset 0. */
function probe(t, stride) {
  const all = t.dataSync();
  const values = [];
  for (let i = 0; i < all.length; i += stride) values.push(all[i]);
  return { shape: t.shape, stride, count: all.length, values: Array.from(values) };
}

function full(t) {
  return { shape: t.shape, values: Array.from(t.dataSync()) };
}

async function emotion(out) {
  const model = await loadGraph(path.join(humanDir, 'models', 'emotion.json'));
  const nodes = ['Identity', 'StatefulPartitionedCall/model_1/global_average_pooling2d_1/Mean',
    'StatefulPartitionedCall/model_1/conv2d_5/BiasAdd'];
  const result = { tfjs: tf.version.tfjs, backend: tf.getBackend(), cases: {} };
  const run = (name, input, extra) => {
    const outs = model.execute(input, nodes);
    result.cases[name] = Object.assign(extra, {
      outputs: Object.fromEntries(nodes.map((n, i) => [n, full(outs[i])])),
    });
  };
  run('pattern', emotionPattern(), { input: 'emotionPattern() [2,64,64,1]' });
  const img = jpeg.decode(fs.readFileSync(path.join(faceApiDir, 'demo', 'sample1.jpg')), { useTArray: true });
  for (const [name, x0, y0] of [['face-happy', 1420, 160], ['face-lowered', 790, 380]]) {
    const rgb = sample(img, x0, y0, [300, 300], 128, 128);
    const file = `sample1-${name}-128x128.rgb`;
    fs.writeFileSync(path.join(out, file), rgb);
    run(name, emotionInput(rgb, 128, 128), {
      input: `${file}: sample1.jpg x ${x0}..${x0 + 299}, y ${y0}..${y0 + 299}, nearest to 128x128 RGB; `
        + 'then /255, resizeBilinear 64x64, grey, (g - 0.5) * 2',
    });
  }
  fs.writeFileSync(path.join(out, 'emotion.json'), JSON.stringify(result));
}

/**
 * The detections @vladmandic/human 3.3.6 keeps (src/object/centernet.ts with its default config: at most
 * 10, IoU threshold 0.4, minimum score 0.2): rows of the [1,100,6] output selected by TF.js's
 * nonMaxSuppression on (y1, x1, y2, x2) boxes.
 */
async function humanNms(detections) {
  const [maxDetected, iouThreshold, minScore] = [10, 0.4, 0.2];
  const rows = tf.squeeze(detections);
  const c = tf.split(rows, 6, 1);
  const boxes = tf.squeeze(tf.stack([c[1], c[0], c[3], c[2]], 1));
  const selected = await tf.image.nonMaxSuppressionAsync(boxes, tf.squeeze(c[4]), maxDetected, iouThreshold, minScore);
  return { maxDetected, iouThreshold, minScore, selected: Array.from(selected.dataSync()) };
}

async function centernet(out) {
  const model = await loadGraph(path.join(humanDir, 'models', 'centernet.json'));
  const probes = {
    'tower_0/detections': 0, 'tower_0/keypoints': 2003, 'tower_0/wh': 101,
    'tower_0/MobilenetV3/expanded_conv_3/squeeze_excite/mul': 997,
    'tower_0/CenternetHead/c3_upsample/up_sampling2d_2/ResizeBilinear': 1009,
  };
  const nodes = Object.keys(probes);
  const result = { tfjs: tf.version.tfjs, backend: tf.getBackend(), cases: {} };
  const run = async (name, input, desc) => {
    const outs = model.execute(input, nodes);
    result.cases[name] = {
      input: desc,
      outputs: Object.fromEntries(nodes.map((n, i) => [n, probes[n] ? probe(outs[i], probes[n]) : full(outs[i])])),
      nms: await humanNms(outs[0]),
    };
  };
  await run('pattern', centernetPattern(), 'centernetPattern() [1,512,512,3]');
  const img = jpeg.decode(fs.readFileSync(path.join(faceApiDir, 'demo', 'sample1.jpg')), { useTArray: true });
  const rgb = sample(img, 0, 0, [img.width, img.height], 512, 512);
  const file = 'sample1-512x512.rgb.gz';
  fs.writeFileSync(path.join(out, file), zlib.gzipSync(rgb, { level: 9 }));
  await run('photo', tf.tensor4d(Float32Array.from(rgb), [1, 512, 512, 3]),
    `${file}: sample1.jpg (${img.width}x${img.height}) nearest to 512x512 RGB, 0..255`);
  fs.writeFileSync(path.join(out, 'centernet.json'), JSON.stringify(result));
}

/**
 * The emotion model on the face crops the Java face extractor classified in face-api's demo photos
 * (96x96 RGB files written by PortraitExpressionTest), prepared as @vladmandic/human prepares a face.
 */
async function portraits(out) {
  const labels = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
  const model = await loadGraph(path.join(humanDir, 'models', 'emotion.json'));
  const result = { tfjs: tf.version.tfjs, backend: tf.getBackend(), cases: {} };
  for (const file of fs.readdirSync(cropsDir).filter((f) => f.endsWith('-96x96.rgb')).sort()) {
    const rgb = fs.readFileSync(path.join(cropsDir, file));
    const p = Array.from(model.execute(emotionInput(rgb, 96, 96), 'Identity').dataSync());
    const top = p.indexOf(Math.max(...p));
    result.cases[file] = {
      sha256: crypto.createHash('sha256').update(rgb).digest('hex'), top: labels[top], probabilities: p,
    };
  }
  fs.writeFileSync(path.join(out, 'portraits.json'), JSON.stringify(result, null, 1));
}

(async () => {
  await tf.setBackend('cpu');
  fs.mkdirSync(outDir, { recursive: true });
  await emotion(outDir);
  await centernet(outDir);
  if (cropsDir) await portraits(outDir);
  console.log(`TF.js ${tf.version.tfjs}, backend ${tf.getBackend()}: fixtures written to ${outDir}`);
})();
