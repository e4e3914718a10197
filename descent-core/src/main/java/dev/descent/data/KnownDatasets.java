package dev.descent.data;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data sets Descent can download, with the official sources of their files and the
 * SHA-256 each file must have.
 *
 * <p>How each checksum was established (so that it can be re-checked):
 * <ul>
 *   <li><b>MNIST</b>: SHA-256 computed from copies whose MD5 equals the MD5 torchvision
 *       ({@code torchvision/datasets/mnist.py}) publishes for the official files; the same
 *       SHA-256 appear in torchvision-ruby's {@code mnist.rb}.</li>
 *   <li><b>Fashion-MNIST</b>: SHA-256 as listed by TensorFlow Datasets
 *       ({@code url_checksums/fashion_mnist.txt}, with the sizes) and torchvision-ruby. Checked
 *       here against Debian's {@code dataset-fashion-mnist}, whose files carry the official
 *       compressed data under a normalised gzip header: restoring the original header
 *       (file name, modification time 2017-08-31) gives the MD5 that torchvision and Zalando
 *       publish and these SHA-256.</li>
 *   <li><b>KMNIST</b>: SHA-256 and sizes as listed by TensorFlow Datasets
 *       ({@code url_checksums/kmnist.txt}); torchvision-ruby lists the same SHA-256. Not
 *       re-computed from local bytes: no copy was at hand. torchvision's MD5 for the same files
 *       are bdb82020…, e144d726…, 5c965bf0…, 7320c461… (train images, train labels, test
 *       images, test labels).</li>
 * </ul>
 *
 * <p>A mirror that serves different bytes is rejected by the checksum, never trusted.
 */
public final class KnownDatasets {
    private static final List<String> MNIST_MIRRORS = List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/");
    private static final List<String> FASHION_MNIST_MIRRORS = List.of(
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    private static final List<String> KMNIST_MIRRORS = List.of("http://codh.rois.ac.jp/kmnist/dataset/kmnist/");

    /**
     * MNIST (LeCun, Cortes, Burges; CC BY-SA 3.0). PyTorch's S3 copy comes first: the
     * original site has often refused downloads without a browser session.
     */
    public static final DownloadableDataset MNIST = new DownloadableDataset("mnist",
            URI.create("http://yann.lecun.com/exdb/mnist/"), List.of(
            DownloadFile.atMirrors(MNIST_MIRRORS, "train-images-idx3-ubyte.gz", 9_912_422,
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            DownloadFile.atMirrors(MNIST_MIRRORS, "train-labels-idx1-ubyte.gz", 28_881,
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            DownloadFile.atMirrors(MNIST_MIRRORS, "t10k-images-idx3-ubyte.gz", 1_648_877,
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            DownloadFile.atMirrors(MNIST_MIRRORS, "t10k-labels-idx1-ubyte.gz", 4_542,
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")));

    /** Fashion-MNIST (Xiao, Rasul, Vollgraf 2017, Zalando Research; MIT licence). */
    public static final DownloadableDataset FASHION_MNIST = new DownloadableDataset("fashion-mnist",
            URI.create("https://github.com/zalandoresearch/fashion-mnist"), List.of(
            DownloadFile.atMirrors(FASHION_MNIST_MIRRORS, "train-images-idx3-ubyte.gz", 26_421_880,
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            DownloadFile.atMirrors(FASHION_MNIST_MIRRORS, "train-labels-idx1-ubyte.gz", 29_515,
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            DownloadFile.atMirrors(FASHION_MNIST_MIRRORS, "t10k-images-idx3-ubyte.gz", 4_422_102,
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            DownloadFile.atMirrors(FASHION_MNIST_MIRRORS, "t10k-labels-idx1-ubyte.gz", 5_148,
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")));

    /** Kuzushiji-MNIST (Clanuwat et al. 2018, ROIS-DS CODH; CC BY-SA 4.0). */
    public static final DownloadableDataset KMNIST = new DownloadableDataset("kmnist",
            URI.create("https://github.com/rois-codh/kmnist"), List.of(
            DownloadFile.atMirrors(KMNIST_MIRRORS, "train-images-idx3-ubyte.gz", 18_165_135,
                    "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4"),
            DownloadFile.atMirrors(KMNIST_MIRRORS, "train-labels-idx1-ubyte.gz", 29_497,
                    "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17"),
            DownloadFile.atMirrors(KMNIST_MIRRORS, "t10k-images-idx3-ubyte.gz", 3_041_136,
                    "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5"),
            DownloadFile.atMirrors(KMNIST_MIRRORS, "t10k-labels-idx1-ubyte.gz", 5_120,
                    "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c")));

    private static final KnownDatasets OFFICIAL = of(MNIST, FASHION_MNIST, KMNIST);

    private final Map<String, DownloadableDataset> byName;

    private KnownDatasets(Map<String, DownloadableDataset> byName) {
        this.byName = byName;
    }

    /** MNIST, Fashion-MNIST and KMNIST from their official sources. */
    public static KnownDatasets official() {
        return OFFICIAL;
    }

    /** A registry of exactly {@code datasets}, e.g. a test's own files on a local server. */
    public static KnownDatasets of(DownloadableDataset... datasets) {
        Map<String, DownloadableDataset> byName = new LinkedHashMap<>();
        for (DownloadableDataset dataset : datasets) {
            if (byName.putIfAbsent(dataset.name(), dataset) != null) {
                throw new IllegalArgumentException("known data sets: '" + dataset.name() + "' is listed twice");
            }
        }
        return new KnownDatasets(byName);
    }

    public Optional<DownloadableDataset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names, in the order given. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
