using System.Security.Cryptography;
using System.Text;

namespace Berth.Core.Ids;

/// <summary>
/// The OCI ChainID of a layer stack: ChainID(L0) = DiffID(L0), ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(n)).
/// Layers are stored once per ChainID, so images that share a base share its layers.
/// </summary>
public static class ChainId
{
    public static Digest Next(Digest? parent, Digest diffId)
    {
        if (parent is null)
        {
            return diffId;
        }

        var text = parent.Value + " " + diffId;
        return Digest.FromHash(SHA256.HashData(Encoding.ASCII.GetBytes(text)));
    }

    public static IReadOnlyList<Digest> ForStack(IEnumerable<Digest> diffIds)
    {
        var chain = new List<Digest>();
        Digest? parent = null;
        foreach (var diffId in diffIds)
        {
            parent = Next(parent, diffId);
            chain.Add(parent.Value);
        }

        return chain;
    }
}
