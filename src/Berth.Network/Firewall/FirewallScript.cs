using System.Text;

namespace Berth.Network.Firewall;

/// <summary>
/// Writes the <c>iptables-restore --noflush</c> input for a change. Berth's chains are rewritten whole
/// (declaring a chain in --noflush mode flushes it), from the rules the kernel has now minus the removed
/// ones plus the added ones, so the kernel stays the only state, a change is atomic per table, and
/// applying the same change twice gives the same rules.
/// </summary>
internal static class FirewallScript
{
    private static readonly string[] Tables = [FirewallChains.Nat, FirewallChains.Filter];

    public static string Update(IptablesRuleset current, FirewallChains chains, Func<IptablesRule, bool> remove, IReadOnlyList<ChainRule> add)
    {
        var script = new StringBuilder();
        foreach (var table in Tables)
        {
            script.Append('*').Append(table).Append('\n');
            foreach (var (_, chain) in chains.Owned.Where(c => c.Table == table))
            {
                script.Append(':').Append(chain).Append(" - [0:0]\n");
            }

            foreach (var hook in chains.Hooks.Where(h => h.Table == table))
            {
                var target = IptablesTokens.Split(hook.Text)[^1];
                if (!current.Rules.Any(r => r.Table == table && r.Chain == hook.Chain && r.Target == target))
                {
                    script.Append("-I ").Append(hook.Chain).Append(' ').Append(hook.Text).Append('\n');
                }
            }

            foreach (var (_, chain) in chains.Owned.Where(c => c.Table == table))
            {
                foreach (var rule in current.Rules.Where(r => r.Table == table && r.Chain == chain && !remove(r)))
                {
                    script.Append("-A ").Append(chain).Append(' ').Append(rule.Text).Append('\n');
                }

                foreach (var rule in add.Where(r => r.Table == table && r.Chain == chain))
                {
                    script.Append("-A ").Append(chain).Append(' ').Append(rule.Text).Append('\n');
                }
            }

            script.Append("COMMIT\n");
        }

        return script.ToString();
    }

    /// <summary>Deletes every jump into Berth's chains, then the chains. Null when none of it exists.</summary>
    public static string? RemoveAll(IptablesRuleset current, FirewallChains chains)
    {
        var script = new StringBuilder();
        foreach (var table in Tables)
        {
            var owned = chains.Owned.Where(c => c.Table == table).Select(c => c.Chain).ToHashSet();
            var present = owned.Where(c => current.Chains.Contains((table, c))).ToList();
            var jumps = current.Rules
                .Where(r => r.Table == table && !owned.Contains(r.Chain) && r.Target is { } t && owned.Contains(t))
                .ToList();
            if (present.Count == 0 && jumps.Count == 0)
            {
                continue;
            }

            script.Append('*').Append(table).Append('\n');
            foreach (var jump in jumps)
            {
                script.Append("-D ").Append(jump.Chain).Append(' ').Append(jump.Text).Append('\n');
            }

            foreach (var chain in present)
            {
                script.Append(':').Append(chain).Append(" - [0:0]\n");
            }

            foreach (var chain in present)
            {
                script.Append("-X ").Append(chain).Append('\n');
            }

            script.Append("COMMIT\n");
        }

        return script.Length == 0 ? null : script.ToString();
    }
}
