package dev.descent.model;

import dev.descent.data.LabelEncoder;
import dev.descent.io.JsonFields;
import dev.descent.io.JsonText;
import dev.descent.io.ModelWeights;
import dev.descent.io.SafeTensors;
import dev.descent.io.SafeTensorsFile;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Layer;
import dev.descent.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a trained model needs to predict on raw new data, apart from its weights: the
 * architecture, the task and the names of its outputs, the fitted preprocessing, and a
 * fingerprint of the data it was trained on.
 *
 * <p>It is saved inside the model's safetensors file, as JSON under the metadata key
 * {@value #METADATA_KEY}, beside PyTorch's parameter names ({@code 0.weight}, …): the one file
 * is the whole model, and PyTorch's {@code safetensors.torch.load_file} still reads it
 * (metadata is ignored there). The format is described in {@code docs/model-format.md}.
 *
 * @param spec          the architecture
 * @param task          classification or regression
 * @param outputNames   the class names in output order (classification; the class indices as
 *                      text when the classes are unnamed), or the target names (regression). A
 *                      binary classifier may have one output, the logit of its second class
 *                      (binary cross-entropy), and two class names

 * @param preprocessing how raw inputs become the model's input
 * @param trainingData  the files the model was trained on
 * @param info          free-form facts about the run, e.g. {@code descent_version}, {@code data};
 *                      a classifier fitted on labels other than 0…k−1 keeps them under
 *                      {@value #CLASS_LABELS} ({@link #classLabels()})
 */
public record ModelBundle(ModelSpec spec, Task task, List<String> outputNames, Preprocessing preprocessing,
                          DataFingerprint trainingData, Map<String, String> info) {

    /** The safetensors metadata key that holds the bundle's JSON. */
    public static final String METADATA_KEY = "descent.model";
    /** The version of the bundle format written here; readers refuse newer ones. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The info key of a classifier's integer class labels, in output order, comma-separated
     * ({@code "-1,1"}); absent, the labels are the output indices 0…k−1, as in files written
     * before it existed.
     */
    public static final String CLASS_LABELS = "class_labels";

    /** What the model's outputs mean. */
    public enum Task {
        /** One logit per class; probabilities by softmax. */
        CLASSIFICATION,
        /** One real value per target. */
        REGRESSION;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModelBundle {
        outputNames = List.copyOf(outputNames);
        info = Map.copyOf(info);
        if (outputNames.size() != spec.outputs() && !(task == Task.CLASSIFICATION && spec.outputs() == 1
                && outputNames.size() == 2)) {
            throw new IllegalArgumentException("model bundle: " + outputNames.size() + " output names for a model of "
                    + spec.outputs() + " outputs; give one name per output");
        }
        if (preprocessing.featureCount() != spec.inputs()) {
            throw new IllegalArgumentException("model bundle: the preprocessing gives " + preprocessing.featureCount()
                    + " features but the model takes " + spec.inputs());
        }
        if (info.containsKey(CLASS_LABELS)) {
            parseClassLabels(task, info.get(CLASS_LABELS), outputNames);
        }
    }

    /**
     * The classes as the classifier's labels: those saved under {@value #CLASS_LABELS}, else
     * the output indices 0…k−1; named by {@link #outputNames()} either way.
     *
     * @throws IllegalStateException for a regression model
     */
    public LabelEncoder classLabels() {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalStateException("a regression model has no class labels");
        }
        String saved = info.get(CLASS_LABELS);
        return saved == null ? LabelEncoder.ofIndices(outputNames) : parseClassLabels(task, saved, outputNames);
    }

    /**
     * This classifier's bundle with {@code classes} as its class labels: their names as the
     * outputs' names and, for integer labels, the labels under {@value #CLASS_LABELS}.
     */
    public ModelBundle withClassLabels(LabelEncoder classes) {
        Map<String, String> newInfo = new LinkedHashMap<>(info);
        newInfo.remove(CLASS_LABELS);
        if (classes.hasIntegerLabels()) {
            newInfo.put(CLASS_LABELS, String.join(",",
                    java.util.Arrays.stream(classes.classes()).mapToObj(Integer::toString).toList()));
        }
        return new ModelBundle(spec, task, classes.classNames(), preprocessing, trainingData, newInfo);
    }

    private static LabelEncoder parseClassLabels(Task task, String text, List<String> outputNames) {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("model bundle: info." + CLASS_LABELS + " is for classifiers, but the"
                    + " task is " + task.configName());
        }
        String[] parts = text.split(",", -1);
        int[] labels = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                labels[i] = Integer.parseInt(parts[i].trim());
            }
            return LabelEncoder.ofClasses(labels, outputNames);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model bundle: info." + CLASS_LABELS + " is '" + text + "', but it must"
                    + " be one increasing integer label per class, " + outputNames.size() + " for " + outputNames
                    + ", comma-separated", e);
        }
    }

    /** Whether the model scores two classes with one logit, that of the second class (binary cross-entropy). */
    public boolean binaryLogit() {
        return task == Task.CLASSIFICATION && spec.outputs() == 1 && outputNames.size() == 2;
    }

    /** Names "0", "1", … for {@code count} unnamed outputs. */
    public static List<String> indexNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /**
     * Saves {@code model}'s weights with this bundle in one safetensors file, replacing
     * {@code file} atomically. The model must be the one {@link #spec} builds.
     */
    public void save(Layer model, Path file) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(METADATA_KEY, JsonText.write(toMap()));
        ModelWeights.saveWithChecksum(model, file, metadata); // a flipped byte is reported as corruption on load
    }

    /**
     * Reads a model saved by {@link #save}: builds it from its spec and loads its weights,
     * checked by name and shape. The model is returned in evaluation mode.
     *
     * @throws IllegalArgumentException naming the file when it holds no bundle or a bad one
     * @throws IOException              when the file cannot be read
     */
    public static Loaded load(Path file) throws IOException {
        SafeTensorsFile contents = SafeTensors.read(file);
        String json = contents.metadata().get(METADATA_KEY);
        if (json == null) {
            throw new IllegalArgumentException(file + " holds weights but no model description (no '" + METADATA_KEY
                    + "' metadata): it was saved by an older Descent or by another library. Load its weights into a"
                    + " model you build with ModelWeights.load, or retrain with this version to get a full model.");
        }
        ModelBundle bundle = fromMap(JsonText.parseObject(json, file + " (" + METADATA_KEY + ")"), file.toString());
        Sequential model = bundle.spec().build(); // the draws are overwritten by the weights
        ModelWeights.loadStateDict(model, contents.tensors(), file.toString());
        model.eval();
        return new Loaded(bundle, model);
    }

    /** A loaded model: its bundle and the built model, weights in place. */
    public record Loaded(ModelBundle bundle, Sequential model) {
    }

    /** The bundle as a JSON-ready tree. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("format_version", FORMAT_VERSION);
        map.put("task", task.configName());
        map.put("outputs", outputNames);
        map.put("model", spec.toMap());
        map.put("preprocessing", preprocessing.toMap());
        map.put("training_data", trainingData.toList());
        map.put("info", new LinkedHashMap<>(new java.util.TreeMap<>(info)));
        return map;
    }

    /**
     * Reads {@link #toMap()}'s form.
     *
     * @throws IllegalArgumentException naming the source and the field that is missing or wrong
     */
    public static ModelBundle fromMap(Map<String, ?> map, String source) {
        JsonFields fields = new JsonFields(source, "");
        int version = fields.integer(map, "", "format_version");
        if (version > FORMAT_VERSION) {
            throw fields.invalid("format_version", "the model was saved in format " + version + " but this Descent reads"
                    + " format " + FORMAT_VERSION + " and older; use a newer Descent");
        }
        String taskName = fields.text(map, "", "task");
        Task task = switch (taskName) {
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default -> throw fields.invalid("task", "expected classification or regression, found '" + taskName + "'");
        };
        List<String> outputs = fields.texts(map, "", "outputs");
        ModelSpec spec = ModelSpec.fromMap(fields.object(map, "", "model"), source);
        Preprocessing preprocessing = Preprocessing.fromMap(fields.object(map, "", "preprocessing"), fields,
                "preprocessing");
        DataFingerprint data = DataFingerprint.fromList(fields.list(map, "", "training_data"), fields,
                "training_data");
        Map<String, String> info = new LinkedHashMap<>();
        if (map.containsKey("info")) {
            fields.object(map, "", "info").forEach((k, v) -> info.put(k, String.valueOf(v)));
        }
        try {
            return new ModelBundle(spec, task, outputs, preprocessing, data, info);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
