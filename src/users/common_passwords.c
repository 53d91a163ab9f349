/*
 * common_passwords.c - the bundled list of very common passwords the policy refuses
 * (users.h).  Written by the herald team from the patterns that top every published
 * breach list: keyboard walks, digit runs, "password" variants, names, teams and words
 * with a year or digits appended.  Only entries of 10+ characters matter (shorter ones
 * fail the length rule first) but a few shorter ones stay as documentation.
 */
#include "users/users.h"

#include "core/banned.h"

const char *const users_common_passwords[] = {
    "0000000000",   "0123456789",     "1111111111",    "11223344",    "112233445566",
    "123123123",    "123321123",      "12341234",      "123456",      "1234567",
    "12345678",     "123456789",      "1234567890",    "12345678910", "1234qwer",
    "1q2w3e4r5t",   "1q2w3e4r5t6y",   "1qaz2wsx3edc",  "1qazxsw2",    "5555555555",
    "666666666",    "7777777777",     "987654321",     "9876543210",  "aaaaaaaaaa",
    "abc123",       "abcabcabc",      "abcd1234",      "abcdef123",   "abcdefghij",
    "admin12345",   "adminadmin",     "administrator", "arsenal123",  "asdfghjkl",
    "asdfghjkl1",   "barcelona",      "baseball",      "baseball1",   "basketball",
    "batman123",    "changeme",       "changeme123",   "charlie123",  "chelsea123",
    "computer",     "computer1",      "default123",    "dragon",      "dragon123",
    "football",     "football1",      "freedom",       "freedom1",    "fuckyou123",
    "guest12345",   "herald123",      "heraldnews",    "hunter123",   "hunter2",
    "iloveyou",     "iloveyou12",     "iloveyou123",   "internet",    "internet1",
    "jennifer",     "jordan23",       "letmein",       "letmein123",  "liverpool",
    "lovelove123",  "loveyou123",     "manchester",    "master",      "master123",
    "michael",      "michael1",       "minecraft",     "minecraft1",  "monkey",
    "monkey123",    "mypassword",     "mypassword1",   "newpassword", "newpassword1",
    "news123456",   "nintendo123",    "p@ssw0rd",      "p@ssword",    "passw0rd",
    "password",     "password1",      "password12",    "password123", "password1234",
    "pokemon123",   "princess",       "princess1",     "q1w2e3r4t5",  "qazwsxedc",
    "qazwsxedc123", "qwer1234",       "qwerty",        "qwerty123",   "qwerty12345",
    "qwertyuiop",   "qwertyuiop123",  "readthenews",   "rootroot",    "samsung123",
    "secret123",    "secretpassword", "shadow",        "shadow123",   "starwars",
    "starwars1",    "sunshine",       "sunshine1",     "superman",    "test123456",
    "testpassword", "testtest",       "trustno1",      "welcome",     "welcome1",
    "welcome123",   "whatever",       "whatever1",     "zaq12wsx",    "zxcvbnm",
    "zxcvbnm123",
};

const size_t users_common_passwords_count =
    sizeof(users_common_passwords) / sizeof(users_common_passwords[0]);
