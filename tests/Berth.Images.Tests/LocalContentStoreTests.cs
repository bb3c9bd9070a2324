using System.Text;
using Berth.Core.Errors;
using Berth.Core.Ids;
using Berth.Images.Tests.Support;

namespace Berth.Images.Tests;

public sealed class LocalContentStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LocalContentStore _store;

    public LocalContentStoreTests() => _store = new LocalContentStore(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Stores_a_stream_under_its_sha256()
    {
        var bytes = Encoding.UTF8.GetBytes("hello, blob");

        var digest = await _store.WriteAsync(new NonSeekableStream(bytes), expected: null, TestContext.Current.CancellationToken);

        Assert.Equal(Digest.Compute(bytes), digest);
        Assert.True(_store.Exists(digest));
        Assert.Equal(bytes.Length, _store.SizeOf(digest));
        Assert.Equal(bytes, await _store.ReadAllAsync(digest, TestContext.Current.CancellationToken));
        Assert.True(File.Exists(_dir.Combine("blobs", "sha256", digest.Hex)));
        await using var read = _store.OpenRead(digest);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Stores_bytes_and_makes_the_blob_read_only()
    {
        var digest = await _store.WriteAsync("{}"u8.ToArray(), TestContext.Current.CancellationToken);

        Assert.Equal(Digest.Compute("{}"u8), digest);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_dir.Combine("blobs", "sha256", digest.Hex)));
    }

    [Fact]
    public async Task Accepts_content_that_matches_the_expected_digest()
    {
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);

        var digest = await _store.WriteAsync(new NonSeekableStream(bytes), Digest.Compute(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(bytes, await _store.ReadAllAsync(digest, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Refuses_a_digest_mismatch_and_stores_nothing()
    {
        var wrong = Digest.Compute("something else"u8);

        var error = await Assert.ThrowsAsync<BerthException>(() =>
            _store.WriteAsync(new NonSeekableStream("content"u8.ToArray()), wrong, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("digest mismatch", error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("ingest")));
    }

    [Fact]
    public async Task Does_not_read_content_it_already_has()
    {
        var digest = await _store.WriteAsync("known"u8.ToArray(), TestContext.Current.CancellationToken);
        var stream = new NonSeekableStream([], forbidReads: true);

        Assert.Equal(digest, await _store.WriteAsync(stream, digest, TestContext.Current.CancellationToken));
        Assert.False(stream.WasRead);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_blob_all_succeed_and_store_it_once()
    {
        var bytes = new byte[1 << 20];
        Random.Shared.NextBytes(bytes);

        var digests = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(
            () => _store.WriteAsync(new NonSeekableStream(bytes), i % 2 == 0 ? Digest.Compute(bytes) : null, TestContext.Current.CancellationToken))));

        Assert.All(digests, d => Assert.Equal(Digest.Compute(bytes), d));
        Assert.Equal([Digest.Compute(bytes)], _store.List());
        Assert.Equal(bytes, await _store.ReadAllAsync(digests[0], TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("ingest")));
    }

    [Fact]
    public async Task Missing_blobs_are_not_found_and_deleting_twice_is_fine()
    {
        var digest = await _store.WriteAsync("gone soon"u8.ToArray(), TestContext.Current.CancellationToken);

        _store.Delete(digest);
        _store.Delete(digest);

        Assert.False(_store.Exists(digest));
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _store.SizeOf(digest)).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _store.OpenRead(digest)).Kind);
        var error = await Assert.ThrowsAsync<BerthException>(() => _store.ReadAllAsync(digest, TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal($"content digest {digest}: not found", error.Message);
    }

    [Fact]
    public async Task Lists_blobs_and_drops_what_a_crash_left_in_ingest()
    {
        var a = await _store.WriteAsync("a"u8.ToArray(), TestContext.Current.CancellationToken);
        var b = await _store.WriteAsync("b"u8.ToArray(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_dir.Combine("ingest", "leftover"), "partial", TestContext.Current.CancellationToken);

        _store.DeleteIncomplete();

        Assert.Equal(new[] { a, b }.OrderBy(d => d.Hex), _store.List().OrderBy(d => d.Hex));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("ingest")));
    }
}
