package dev.rotor.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonPasswordsTest {

    private final CommonPasswords common = CommonPasswords.shipped();

    @Test
    void theShippedListIsWholeAndHasItsLicenceBesideIt() {
        // zxcvbn 4.4.2's list of the 30,000 most common passwords, kept whole (no duplicates in it).
        assertThat(common.size()).isEqualTo(30_000);
        assertThat(CommonPasswords.class.getResource("/passwords/common-passwords.LICENSE.txt")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "password", "password1234", "qwerty123456", "1qaz2wsx3edc"})
    void theMostCommonPasswordsAreOnIt(String password) {
        assertThat(common.contains(password)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PASSWORD1234", "Qwerty123456", "\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44"})
    void theyAreFoundWhateverTheirCaseOrWidth(String password) {
        assertThat(common.contains(password)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "password1234!", " password1234", ""})
    void otherPasswordsAreNot(String password) {
        assertThat(common.contains(password)).isFalse();
    }

    @Test
    void noPasswordIsNotOnIt() {
        assertThat(common.contains(null)).isFalse();
    }
}
