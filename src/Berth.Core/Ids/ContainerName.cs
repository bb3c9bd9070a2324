using System.Text.RegularExpressions;

namespace Berth.Core.Ids;

/// <summary>Docker's container name rule: <c>^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$</c>, stored without the slash.</summary>
public static partial class ContainerName
{
    [GeneratedRegex("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex Valid();

    /// <summary>Returns the name without its leading slash, or throws InvalidArgument.</summary>
    public static string Normalize(string name)
    {
        if (!Valid().IsMatch(name))
        {
            throw Errors.Errors.InvalidContainerName(name);
        }

        return name.TrimStart('/');
    }

    private static readonly string[] Adjectives =
    [
        "admiring", "agitated", "amazing", "blissful", "bold", "brave", "busy", "charming", "clever", "compassionate",
        "confident", "cool", "dazzling", "determined", "eager", "ecstatic", "elastic", "elegant", "epic", "exciting",
        "fervent", "focused", "friendly", "funny", "gallant", "gifted", "goofy", "gracious", "happy", "hopeful",
        "jolly", "keen", "kind", "laughing", "loving", "lucid", "magical", "modest", "musing", "nice", "nifty",
        "nostalgic", "optimistic", "peaceful", "pensive", "practical", "quirky", "relaxed", "romantic", "serene",
        "sharp", "silly", "sleepy", "stoic", "sweet", "tender", "trusting", "upbeat", "vibrant", "vigilant",
        "wizardly", "wonderful", "youthful", "zealous", "zen",
    ];

    private static readonly string[] Surnames =
    [
        "albattani", "allen", "archimedes", "babbage", "banach", "bardeen", "bell", "bhabha", "bohr", "booth",
        "borg", "brahmagupta", "cannon", "carson", "cerf", "chandrasekhar", "curie", "darwin", "diffie", "dijkstra",
        "einstein", "euclid", "euler", "fermat", "fermi", "feynman", "franklin", "galileo", "gauss", "goldberg",
        "goodall", "hamilton", "hawking", "heisenberg", "hopper", "hypatia", "jang", "jennings", "kapitsa", "kepler",
        "knuth", "lamport", "leakey", "liskov", "lovelace", "mccarthy", "meitner", "mendel", "morse", "newton",
        "noether", "pascal", "pasteur", "perlman", "poincare", "ramanujan", "ritchie", "shannon", "stonebraker",
        "tesla", "thompson", "torvalds", "turing", "wing", "wozniak", "yalow",
    ];

    /// <summary>A random adjective_surname name like Docker's; attempt &gt; 0 appends a digit as Docker does on retry.</summary>
    public static string Random(int attempt = 0)
    {
        var name = Adjectives[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Adjectives.Length)] + "_" +
                   Surnames[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Surnames.Length)];
        return attempt > 0 ? name + System.Security.Cryptography.RandomNumberGenerator.GetInt32(10) : name;
    }
}
