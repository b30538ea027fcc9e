package motd.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecifierSetTest {

  @ParameterizedTest(name = "{1} in \"{0}\" is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the issue's own example
        ">=1.0.0rc0, <1.0.0rc6 | 1.0.0rc0   | true",
        ">=1.0.0rc0, <1.0.0rc6 | 1.0.0rc5   | true",
        ">=1.0.0rc0, <1.0.0rc6 | 1.0.0rc6   | false",
        ">=1.0.0rc0, <1.0.0rc6 | 0.9        | false",
        // == and != pad with zeros and ignore local labels
        "==1.0                 | 1.0.0      | true",
        "==1.0                 | 1.0+deb.1  | true",
        "==1.0+deb.1           | 1.0        | false",
        "!=1.0.0rc6            | 1.0.0rc5   | true",
        "!=1.0.0rc6            | 1.0.0rc6   | false",
        // prefix matches
        "==1.0.*               | 1.0.0rc6   | true",
        "==1.0.*               | 1.0.5      | true",
        "==1.0.*               | 1.1        | false",
        "!=1.0.*               | 1.1        | true",
        "==1.*                 | 1.0.0rc6   | true",
        // ordered comparisons
        "<=1.0.0rc6            | 1.0.0rc6   | true",
        ">=1.0.0rc6            | 1.0.0rc5   | false",
        ">1.0.0rc5             | 1.0.0rc6   | true",
        ">1.0.0rc5             | 1.0.0rc5   | false",
        // PEP 440: <V excludes pre-releases of V unless V is one
        "<1.0.0                | 1.0.0rc6   | false",
        "<1.0.0                | 0.9        | true",
        "<1.0.0rc6             | 1.0.0rc5   | true",
        // PEP 440: >V excludes post-releases of V unless V is one
        ">1.0                  | 1.0.post1  | false",
        ">1.0.post1            | 1.0.post2  | true",
        ">1.0                  | 1.0.1      | true",
        // compatible release
        "~=1.0.0rc1            | 1.0.0rc6   | true",
        "~=1.0.0rc1            | 1.0.5      | true",
        "~=1.0.0rc1            | 1.1        | false",
        "~=1.0                 | 1.9        | true",
        "~=1.0                 | 2.0        | false",
        "~=1.0                 | 0.9        | false",
        // arbitrary equality
        "===1.0.0rc6           | 1.0.0rc6   | true",
        "===1.0.0rc6           | 1.0.0rc06  | false",
        "===1.0.0rc6           | 1.0.0RC6   | true",
        // several clauses are AND
        ">=1.0, !=1.0.3, <2    | 1.0.3      | false",
        ">=1.0, !=1.0.3, <2    | 1.0.4      | true",
      })
  void matchesAsPep440Says(String specifiers, String version, boolean expected) {
    assertThat(SpecifierSet.parse(specifiers).contains(Version.parse(version))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0.0rc6         | has no operator; write ==1.0.0rc6",
        ">=banana         | 'banana' is not a PEP 440 version",
        "<1.0.*           | a .* prefix match only works with == and !=",
        "~=1              | ~= needs at least two release numbers",
        ">=1.0,           | has an empty clause",
        "=>1.0            | is not a version specifier",
        ">1.0+local       | a local version (+...) only works with == and !=",
      })
  void explainsWhatIsWrong(String specifiers, String message) {
    assertThatThrownBy(() -> SpecifierSet.parse(specifiers))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {">=1.0.0rc0, <1.0.0rc6 | 1.0.0rc6 | <1.0.0rc6"})
  void namesTheFailingClause(String specifiers, String version, String clause) {
    assertThat(SpecifierSet.parse(specifiers).firstFailing(Version.parse(version)))
        .hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo(clause));
  }
}
