using System.Runtime.InteropServices;
using Berth.Runtime.Oci;
using Berth.Runtime.Security;

namespace Berth.Runtime.Tests;

/// <summary>Docker's default seccomp profile, checked by what a syscall would get under it.</summary>
public sealed class SeccompProfileTests
{
    private const ulong CloneNewUser = 0x10000000;
    private const ulong CloneNewNs = 0x00020000;
    private const ulong ThreadFlags = 0x003D0F00; // what glibc's pthread_create passes
    private const ulong SigChld = 17; // what fork passes

    private static readonly OciSeccomp Default = SeccompProfile.For(Capabilities.Default, Architecture.X64);

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    [InlineData("execve")]
    [InlineData("openat")]
    [InlineData("ptrace")]
    [InlineData("arch_prctl")]
    [InlineData("chroot")] // CAP_SYS_CHROOT is a default capability
    public void Ordinary_calls_are_allowed(string name) => Assert.Equal(Allowed, Outcome(Default, name));

    [Theory]
    [InlineData("mount")]
    [InlineData("umount2")]
    [InlineData("reboot")]
    [InlineData("kexec_load")]
    [InlineData("unshare")]
    [InlineData("setns")]
    [InlineData("init_module")]
    [InlineData("open_by_handle_at")]
    [InlineData("bpf")]
    [InlineData("io_uring_setup")]
    [InlineData("keyctl")]
    [InlineData("add_key")]
    public void Dangerous_calls_fail_with_eperm(string name) => Assert.Equal(1u, Outcome(Default, name));

    [Fact]
    public void Clone_may_start_threads_and_processes_but_not_namespaces()
    {
        Assert.Equal(Allowed, Outcome(Default, "clone", ThreadFlags));
        Assert.Equal(Allowed, Outcome(Default, "clone", SigChld));
        Assert.Equal(1u, Outcome(Default, "clone", CloneNewUser | SigChld));
        Assert.Equal(1u, Outcome(Default, "clone", CloneNewNs));
    }

    [Fact]
    public void Clone3_fails_with_enosys_so_libc_falls_back_to_clone() => Assert.Equal(38u, Outcome(Default, "clone3"));

    [Fact]
    public void Sys_admin_opens_mount_unshare_and_any_clone()
    {
        var admin = SeccompProfile.For([.. Capabilities.Default, "CAP_SYS_ADMIN"], Architecture.X64);
        Assert.Equal(Allowed, Outcome(admin, "mount"));
        Assert.Equal(Allowed, Outcome(admin, "unshare"));
        Assert.Equal(Allowed, Outcome(admin, "clone", CloneNewUser));
        Assert.Equal(Allowed, Outcome(admin, "clone3"));
        Assert.Equal(1u, Outcome(admin, "reboot"));
    }

    [Theory]
    [InlineData("CAP_SYS_BOOT", "reboot")]
    [InlineData("CAP_SYS_MODULE", "init_module")]
    [InlineData("CAP_SYS_PTRACE", "process_madvise")]
    [InlineData("CAP_SYS_TIME", "settimeofday")]
    [InlineData("CAP_DAC_READ_SEARCH", "open_by_handle_at")]
    public void A_granted_capability_opens_its_calls(string capability, string name)
    {
        Assert.Equal(1u, Outcome(Default, name));
        Assert.Equal(Allowed, Outcome(SeccompProfile.For([.. Capabilities.Default, capability], Architecture.X64), name));
    }

    [Theory]
    [InlineData(2UL, true)] // AF_INET
    [InlineData(1UL, true)] // AF_UNIX
    [InlineData(16UL, true)] // AF_NETLINK
    [InlineData(38UL, false)] // AF_ALG
    [InlineData(39UL, true)]
    [InlineData(40UL, false)] // AF_VSOCK
    [InlineData(44UL, true)]
    public void Sockets_of_every_family_but_alg_and_vsock(ulong family, bool allowed) =>
        Assert.Equal(allowed ? Allowed : 1u, Outcome(Default, "socket", family));

    [Theory]
    [InlineData(0x0UL, true)]
    [InlineData(0x8UL, true)]
    [InlineData(0xffffffffUL, true)]
    [InlineData(0x1UL, false)]
    [InlineData(0x400000UL, false)] // ADDR_NO_RANDOMIZE
    public void Personality_only_to_the_safe_values(ulong persona, bool allowed) =>
        Assert.Equal(allowed ? Allowed : 1u, Outcome(Default, "personality", persona));

    [Fact]
    public void Architectures_follow_the_host()
    {
        Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], Default.Architectures);
        var arm = SeccompProfile.For(Capabilities.Default, Architecture.Arm64);
        Assert.Equal(["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"], arm.Architectures);
        Assert.Equal(1u, Outcome(arm, "arch_prctl"));
        Assert.Equal(Allowed, Outcome(arm, "set_tls"));
        Assert.Equal(1u, Outcome(Default, "set_tls"));
    }

    [Fact]
    public void The_default_is_eperm() => Assert.Equal(("SCMP_ACT_ERRNO", 1u), (Default.DefaultAction, Default.DefaultErrnoRet));

    private const uint Allowed = 0;

    /// <summary>What libseccomp makes of the rules for one call: 0 when some rule allows it, else the errno it fails with.</summary>
    private static uint Outcome(OciSeccomp profile, string name, ulong arg0 = 0)
    {
        var rules = profile.Syscalls.Where(r => r.Names.Contains(name)).ToList();
        if (rules.Any(r => r.Action == "SCMP_ACT_ALLOW" && (r.Args ?? []).All(a => Matches(a, arg0))))
        {
            return Allowed;
        }

        return rules.FirstOrDefault(r => r.Action == "SCMP_ACT_ERRNO")?.ErrnoRet ?? profile.DefaultErrnoRet!.Value;
    }

    private static bool Matches(OciSyscallArg arg, ulong value)
    {
        Assert.Equal(0u, arg.Index);
        return arg.Op switch
        {
            "SCMP_CMP_EQ" => value == arg.Value,
            "SCMP_CMP_NE" => value != arg.Value,
            "SCMP_CMP_LT" => value < arg.Value,
            "SCMP_CMP_GT" => value > arg.Value,
            "SCMP_CMP_MASKED_EQ" => (value & arg.Value) == arg.ValueTwo,
            _ => throw new InvalidOperationException(arg.Op),
        };
    }
}
