using System.Globalization;
using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Alerts;

/// <summary>The last stage: decides which behaviours become alerts (scope, vessels of interest), fills in identities and watch-list hits, and keeps the findings of vessels not (yet) of interest so that they are judged on their full history when their IMO arrives.</summary>
internal sealed class AlertStage
{
    private const int PendingPerVessel = 8;
    private const long MinUnixMs = -62_135_596_800_000;
    private const long MaxUnixMs = 253_402_300_799_999;

    private readonly DetectionOptions _options;
    private readonly Watchlist _watchlist;
    private readonly VesselTracker _tracker;
    private readonly Action<AlertUpdate> _emit;
    private readonly Dictionary<string, OpenAlert> _openSubjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Behaviour> _openBehaviours = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<Behaviour>> _pending = [];
    private readonly Queue<(AlertUpdate Update, bool Opening)> _deferred = new();
    private readonly Dictionary<string, int> _deferredPerAlert = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);
    private int _stepOpenings;
    private bool _unbounded;

    public AlertStage(DetectionOptions options, Watchlist watchlist, VesselTracker tracker, Action<AlertUpdate> emit)
    {
        _options = options;
        _watchlist = watchlist;
        _tracker = tracker;
        _emit = emit;
        tracker.BecameOfInterest += OnBecameOfInterest;
        tracker.NoLongerOfInterest += OnDelisted;
    }

    /// <summary>The <c>closedReason</c> in the evidence of an alert closed because its vessel was delisted.</summary>
    public const string DelistedReason = "delisted";

    public long AlertsEmitted { get; private set; }

    /// <summary>Alert openings put off to later watermark steps because one step opened more than <see cref="CapacityOptions.MaxOpeningsPerWatermarkStep"/> (an alert storm).</summary>
    public long OpeningsDeferred { get; private set; }

    /// <summary>Updates dropped because more than <see cref="MaxDeferredUpdates"/> waited (a storm beyond any catching up).</summary>
    public long UpdatesDropped { get; private set; }

    /// <summary>Updates waiting behind the bound now.</summary>
    public int DeferredNow => _deferred.Count;

    /// <summary>Open updates not published because nothing an operator acts on changed (status, start, end, confidence, counterpart).</summary>
    public long Repeats { get; private set; }

    /// <summary>Updates put off at most; beyond, new openings are dropped (counted).</summary>
    public const int MaxDeferredUpdates = 100_000;

    /// <summary>A new watermark step: its openings are counted afresh, and openings put off by earlier steps go first, within the bound.</summary>
    public void BeginStep()
    {
        _stepOpenings = 0;
        Drain();
    }

    /// <summary>Lifts the bound for the rest of the input (end of offline input: nothing can flood a live topic); what waits goes out.</summary>
    public void Unbound()
    {
        _unbounded = true;
        Drain();
    }

    public void OnBehaviour(Behaviour b)
    {
        var now = b.DetectedAtMs;
        var ofInterest = IsOfInterest(b.Mmsi, now) || (b.CounterpartMmsi is { } c && IsOfInterest(c, now));
        if (ofInterest || _openSubjects.ContainsKey(b.AlertId) || (_options.ScopeAll && b.QualifiesForAll))
        {
            RemovePending(b);
            Emit(b);
            return;
        }

        Remember(b.Mmsi, b);
        if (b.CounterpartMmsi is { } cp)
        {
            Remember(cp, b);
        }
    }

    /// <summary>Drops what is remembered for a vessel that idle expiry forgot.</summary>
    public void Forget(int mmsi) => _pending.Remove(mmsi);

    private bool IsOfInterest(int mmsi, long nowMs) => _tracker.Find(mmsi)?.IsOfInterest(nowMs) ?? false;

    private void OnBecameOfInterest(Vessel vessel, long nowMs, AlertSource? source)
    {
        if (!_pending.Remove(vessel.Mmsi, out var list))
        {
            return;
        }

        foreach (var b in list)
        {
            RemovePending(b);
            Emit(b with { DetectedAtMs = Math.Max(b.DetectedAtMs, nowMs), Source = source ?? b.Source });
        }
    }

    /// <summary>Closes the open alerts of a vessel no longer of interest (delisted), unless the other vessel of the alert still is.</summary>
    private void OnDelisted(Vessel vessel, long nowMs)
    {
        var closing = _openSubjects
            .Where(kv => (kv.Value.SubjectMmsi == vessel.Mmsi && !(kv.Value.CounterpartMmsi is { } c && IsOfInterest(c, nowMs))) ||
                         (kv.Value.CounterpartMmsi == vessel.Mmsi && !IsOfInterest(kv.Value.SubjectMmsi, nowMs)))
            .Select(kv => kv.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var alertId in closing)
        {
            var last = _openBehaviours[alertId];
            var evidence = (JsonObject)last.Evidence.DeepClone();
            evidence["closedReason"] = DelistedReason;
            Emit(last with
            {
                Closed = true,
                EndMs = last.EndMs ?? Math.Max(nowMs, last.StartMs),
                DetectedAtMs = Math.Max(last.DetectedAtMs, nowMs),
                Evidence = evidence,
                Source = null,
            });
        }
    }

    private void Remember(int mmsi, Behaviour b)
    {
        if (!_pending.TryGetValue(mmsi, out var list))
        {
            _pending[mmsi] = list = [];
        }

        var i = list.FindIndex(x => x.AlertId == b.AlertId);
        if (i >= 0)
        {
            list[i] = b;
            return;
        }

        if (list.Count >= PendingPerVessel)
        {
            list.RemoveAt(0);
        }

        list.Add(b);
    }

    private void RemovePending(Behaviour b)
    {
        Remove(b.Mmsi);
        if (b.CounterpartMmsi is { } c)
        {
            Remove(c);
        }

        void Remove(int mmsi)
        {
            if (_pending.TryGetValue(mmsi, out var list) && list.RemoveAll(x => x.AlertId == b.AlertId) > 0 && list.Count == 0)
            {
                _pending.Remove(mmsi);
            }
        }
    }

    private void Emit(Behaviour b)
    {
        if (b.Closed)
        {
            _openBehaviours.Remove(b.AlertId);
        }
        else
        {
            _openBehaviours[b.AlertId] = b;
        }

        var subjectMmsi = SubjectOf(b);
        var otherMmsi = b.CounterpartMmsi is { } cp ? (cp == subjectMmsi ? b.Mmsi : cp) : (int?)null;
        var view = new OpenAlert(subjectMmsi, b.StartMs, b.EndMs, b.Confidence, otherMmsi);
        var repeat = !b.Closed && _openSubjects.TryGetValue(b.AlertId, out var last) && last == view;
        if (repeat)
        {
            Repeats++;
            ApplyCounterpartRuleTo(b, subjectMmsi, otherMmsi);
            return;
        }

        var subject = _tracker.Find(subjectMmsi);
        var other = otherMmsi is { } o ? _tracker.Find(o) : null;

        var hits = new List<WatchlistHit>();
        AddHits(hits, subjectMmsi, subject, b.DetectedAtMs);
        if (otherMmsi is { } om)
        {
            AddHits(hits, om, other, b.DetectedAtMs);
        }

        var evidence = (JsonObject)b.Evidence.DeepClone();
        AddIdentityEvidence(evidence, subject, "");
        if (other is not null)
        {
            AddIdentityEvidence(evidence, other, "counterpart");
        }

        var update = new AlertUpdate
        {
            AlertId = b.AlertId,
            Type = b.Type,
            Status = b.Closed ? "closed" : "open",
            Vessel = Describe(subjectMmsi, subject),
            Counterpart = otherMmsi is { } m ? Describe(m, other) : null,
            Watchlist = hits,
            Start = Time(b.StartMs),
            End = b.EndMs is { } e ? Time(e) : null,
            Position = new AlertPosition(Math.Round(b.Latitude, 6), Math.Round(b.Longitude, 6)),
            Port = b.Port,
            Confidence = b.Confidence,
            Evidence = evidence,
            DetectedAt = Time(b.DetectedAtMs),
            Source = b.Source,
        };

        var opening = !b.Closed && !_openSubjects.ContainsKey(b.AlertId);
        if (b.Closed)
        {
            _openSubjects.Remove(b.AlertId);
        }
        else
        {
            _openSubjects[b.AlertId] = view;
        }

        ApplyCounterpartRuleTo(b, subjectMmsi, otherMmsi);
        Publish(update, opening);
    }

    /// <summary>Emits an update, or puts it off: an opening beyond the step's bound, or any update of an alert whose earlier updates wait (order per alert is kept).</summary>
    private void Publish(AlertUpdate update, bool opening)
    {
        if (_dropped.Count > 0 && _dropped.Contains(update.AlertId))
        {
            UpdatesDropped++; // its opening was dropped: consumers never see a later update without it
            if (update.Status == "closed")
            {
                _dropped.Remove(update.AlertId);
            }

            return;
        }

        var waiting = _deferredPerAlert.Count > 0 && _deferredPerAlert.ContainsKey(update.AlertId);
        if (!waiting && (!opening || _unbounded || ++_stepOpenings <= _options.Capacity.MaxOpeningsPerWatermarkStep))
        {
            AlertsEmitted++;
            _emit(update);
            return;
        }

        if ((!waiting && _deferred.Count >= MaxDeferredUpdates) || _deferred.Count >= 2 * MaxDeferredUpdates)
        {
            UpdatesDropped++;
            if (opening && update.Status != "closed")
            {
                _dropped.Add(update.AlertId);
            }

            return;
        }

        if (opening)
        {
            OpeningsDeferred++;
        }

        _deferred.Enqueue((update, opening));
        _deferredPerAlert[update.AlertId] = _deferredPerAlert.GetValueOrDefault(update.AlertId) + 1;
    }

    /// <summary>Emits what waits, in order, until the step's bound of openings is reached.</summary>
    private void Drain()
    {
        while (_deferred.TryPeek(out var next))
        {
            if (next.Opening && !_unbounded && _stepOpenings >= _options.Capacity.MaxOpeningsPerWatermarkStep)
            {
                return;
            }

            _deferred.Dequeue();
            if (next.Opening)
            {
                _stepOpenings++;
            }

            var left = _deferredPerAlert[next.Update.AlertId] - 1;
            if (left == 0)
            {
                _deferredPerAlert.Remove(next.Update.AlertId);
            }
            else
            {
                _deferredPerAlert[next.Update.AlertId] = left;
            }

            AlertsEmitted++;
            _emit(next.Update);
        }
    }

    private int SubjectOf(Behaviour b)
    {
        if (_openSubjects.TryGetValue(b.AlertId, out var open))
        {
            return open.SubjectMmsi;
        }

        if (b.CounterpartMmsi is { } c && !IsOfInterest(b.Mmsi, b.DetectedAtMs) && IsOfInterest(c, b.DetectedAtMs))
        {
            return c;
        }

        return b.Mmsi;
    }

    private void ApplyCounterpartRuleTo(Behaviour b, int subjectMmsi, int? otherMmsi)
    {
        if (_options.CounterpartRule && b.Type == AlertTypes.ShipToShipTransfer && b.Pattern is null && otherMmsi is { } cpm)
        {
            ApplyCounterpartRule(b, subjectMmsi, cpm);
        }
    }

    private void ApplyCounterpartRule(Behaviour b, int a, int c)
    {
        var until = (b.EndMs ?? b.DetectedAtMs) + ((long)_options.CounterpartRuleDays * 86_400_000);
        var va = _tracker.Find(a);
        var vc = _tracker.Find(c);
        if (va is null || vc is null)
        {
            return;
        }

        var aDirect = (va.Interest & ~InterestReasons.Counterpart) != 0;
        var cDirect = (vc.Interest & ~InterestReasons.Counterpart) != 0;
        if (aDirect && !cDirect)
        {
            _tracker.MarkCounterpart(vc, a, until, b.DetectedAtMs, b.Source);
        }
        else if (cDirect && !aDirect)
        {
            _tracker.MarkCounterpart(va, c, until, b.DetectedAtMs, b.Source);
        }
    }

    private void AddHits(List<WatchlistHit> hits, int mmsi, Vessel? v, long nowMs)
    {
        if (MaritimeIdentities.Mid(mmsi) == 445)
        {
            hits.Add(new WatchlistHit(mmsi, "MID-445", "mid", "DPRK flag (MID 445)"));
        }

        foreach (var e in _watchlist.ByMmsi(mmsi))
        {
            hits.Add(new WatchlistHit(mmsi, e.Program, "mmsi", e.Describe()));
        }

        if (v?.Identity?.Imo is { } imo)
        {
            foreach (var e in _watchlist.ByImo(imo))
            {
                hits.Add(new WatchlistHit(mmsi, e.Program, "imo", e.Describe()));
            }
        }

        if (v is not null && (v.Interest & InterestReasons.Identity) != 0)
        {
            AddPreviousIdentityHits(hits, mmsi, v.Identity!);
        }

        if (v is not null && v.CounterpartUntilMs != 0 && nowMs <= v.CounterpartUntilMs)
        {
            hits.Add(new WatchlistHit(mmsi, "COUNTERPART-" + _options.CounterpartRuleDays.ToString(CultureInfo.InvariantCulture) + "D", "counterpart",
                "ship-to-ship transfer with MMSI " + v.CounterpartOf.ToString(CultureInfo.InvariantCulture)));
        }

        if (v is not null && v.DprkCallUntilMs != 0 && nowMs <= v.DprkCallUntilMs)
        {
            hits.Add(new WatchlistHit(mmsi, "DPRK-PORT-CALL-" + _options.PortCall.InterestDays.ToString(CultureInfo.InvariantCulture) + "D", "dprkPortCall",
                "port call at " + v.DprkCallPort));
        }
    }

    /// <summary>Watch-list matching follows the vessel across an identity change: the entries of the MMSI its IMO was reported under before, and of the IMO it reported before.</summary>
    private void AddPreviousIdentityHits(List<WatchlistHit> hits, int mmsi, VesselIdentity id)
    {
        if (id.PreviousMmsi is { } previousMmsi)
        {
            var under = " under MMSI " + previousMmsi.ToString(CultureInfo.InvariantCulture);
            if (MaritimeIdentities.Mid(previousMmsi) == 445)
            {
                hits.Add(new WatchlistHit(mmsi, "MID-445", "imo", "DPRK flag (MID 445)" + under));
            }

            foreach (var e in _watchlist.ByMmsi(previousMmsi))
            {
                hits.Add(new WatchlistHit(mmsi, e.Program, "imo", e.Describe() + under));
            }
        }

        if (id.PreviousImo is { } previousImo && previousImo != id.Imo)
        {
            foreach (var e in _watchlist.ByImo(previousImo))
            {
                hits.Add(new WatchlistHit(mmsi, e.Program, "imo", e.Describe() + ", the IMO it reported before"));
            }
        }
    }

    private void AddIdentityEvidence(JsonObject evidence, Vessel? v, string prefix)
    {
        if (v?.Identity?.Imo is not { } imo)
        {
            return;
        }

        if (!MaritimeIdentities.IsValidImo(imo))
        {
            evidence[Key(prefix, "imoCheckDigitValid")] = false;
        }

        var name = v.Identity.Name;
        var entries = _watchlist.ByImo(imo);
        if (name is not null && entries.Count > 0)
        {
            evidence[Key(prefix, "watchlistNameMatches")] = entries.Any(e => NamesMatch(e.Name, name) || e.Aliases.Any(a => NamesMatch(a, name)));
        }
    }

    private static string Key(string prefix, string name) =>
        prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];

    private static bool NamesMatch(string listed, string ais)
    {
        static string Norm(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        var aisNorm = Norm(ais);
        return listed.Split(["(aka", "(AKA", "("], StringSplitOptions.TrimEntries)
            .Select(p => Norm(p.TrimEnd(')')))
            .Any(p => p.Length > 0 && p == aisNorm);
    }

    private static AlertVessel Describe(int mmsi, Vessel? v) =>
        new(mmsi, v?.Identity?.Imo, v?.Identity?.Name, v?.Identity?.Callsign, v?.Identity?.ShipType, MaritimeIdentities.Flag(mmsi));

    /// <summary>Epoch milliseconds as a time, clamped to what <see cref="DateTimeOffset"/> holds (years 1 to 9999) instead of throwing.</summary>
    internal static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, MinUnixMs, MaxUnixMs));
}

/// <summary>An open alert as an operator sees it: an update that changes none of this is not published again.</summary>
internal readonly record struct OpenAlert(int SubjectMmsi, long StartMs, long? EndMs, string Confidence, int? CounterpartMmsi);
