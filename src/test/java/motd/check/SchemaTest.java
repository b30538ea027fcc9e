package motd.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import motd.Fixture;
import motd.load.Loader;
import motd.site.NewAnnouncement;
import motd.site.NewRelease;
import motd.site.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas, checked by a real validator (networknt's json-schema-validator):
 * every input the tool accepts in its tests validates, and every input the loader refuses for its
 * shape, the schema refuses too.
 */
class SchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  private static final Schema CONFIG = schema(Schemas.CONFIG);
  private static final Schema ANNOUNCEMENT = schema(Schemas.ANNOUNCEMENT);
  @TempDir Path tmp;

  private static Schema schema(String path) {
    return REGISTRY.getSchema(new ByteArrayInputStream(Schemas.files().get(path)));
  }

  /** Every YAML input of the repository's sample and of every golden case. */
  static Stream<Path> inputs() throws IOException {
    List<Path> roots = new java.util.ArrayList<>(List.of(Paths.get("announcements")));
    try (Stream<Path> cases = Files.list(Paths.get("src/test/resources/cases"))) {
      cases.map(c -> c.resolve("announcements")).filter(Files::isDirectory).forEach(roots::add);
    }
    List<Path> files = new java.util.ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void everyGoodInputValidates(Path file) throws IOException {
    assertThat(errors(file)).as(file.toString()).isEmpty();
  }

  @Test
  void whatNewAndReleaseWriteValidates() throws IOException {
    Fixture f = Fixture.create(tmp);
    Path draft =
        NewAnnouncement.create(
            f.announcements, "Mailpile 1.0.0rc7 is out", LocalDate.of(2020, 1, 1));
    NewRelease.Report r =
        NewRelease.add(
            f.announcements,
            f.templates,
            new NewRelease.Options("1.0.0rc7", null, List.of("linux"), NewRelease.Previous.KEEP),
            LocalDate.of(2020, 1, 1),
            q -> false);
    assertThat(errors(draft)).isEmpty();
    assertThat(errors(r.note())).isEmpty();
    assertThat(errors(f.announcements.resolve(Loader.CONFIG_FILE))).isEmpty();
  }

  static Stream<Arguments> shapeProblems() {
    return Stream.concat(
            BadInputTest.announcements().map(a -> Arguments.of(false, a.get()[0], a.get()[1])),
            BadInputTest.configs().map(a -> Arguments.of(true, a.get()[0], a.get()[1])))
        .filter(a -> BadInputTest.SHAPE_CASES.contains((String) a.get()[1]));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("shapeProblems")
  void whatTheLoaderRefusesForItsShapeTheSchemaRefusesToo(boolean config, String name, String yaml)
      throws IOException {
    JsonNode node = YAML.readTree(yaml);
    List<Error> errors = (config ? CONFIG : ANNOUNCEMENT).validate(node);
    assertThat(errors).as(name).isNotEmpty();
  }

  @Test
  void everyShapeCaseExists() {
    List<String> names =
        Stream.concat(BadInputTest.announcements(), BadInputTest.configs())
            .map(a -> (String) a.get()[0])
            .toList();
    assertThat(names).containsAll(BadInputTest.SHAPE_CASES);
  }

  private static List<Error> errors(Path file) throws IOException {
    JsonNode node = YAML.readTree(file.toFile());
    boolean config = file.getFileName().toString().equals(Loader.CONFIG_FILE);
    return (config ? CONFIG : ANNOUNCEMENT).validate(node == null ? YAML.createObjectNode() : node);
  }
}
