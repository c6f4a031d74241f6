namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// A parsed, verified fare table held in arrays sized once for the format's limits, so that
    /// loading a new table reuses memory and pricing a tap allocates nothing. Filled only by
    /// <see cref="FareTableParser"/>; read by <see cref="FareEngine"/>.
    /// </summary>
    public sealed class FareTable
    {
        private const int SecondsPerDay = 86400;

        internal readonly byte[] Languages = new byte[FareTableFormat.MaxLanguages * FareTableFormat.LanguageSize];
        internal readonly int[] RouteIds = new int[FareTableFormat.MaxRoutes];
        internal readonly byte[] RoutePricings = new byte[FareTableFormat.MaxRoutes];
        internal readonly int[] RouteFares = new int[FareTableFormat.MaxRoutes];
        internal readonly int[] ZoneFares = new int[FareTableFormat.MaxZones * FareTableFormat.MaxZones];
        internal readonly bool[] HasConcession = new bool[FareTableFormat.CardTypeCount];
        internal readonly byte[] ConcessionKinds = new byte[FareTableFormat.CardTypeCount];
        internal readonly int[] ConcessionValues = new int[FareTableFormat.CardTypeCount];
        internal readonly int[] DailyCaps = new int[FareTableFormat.CardTypeCount];
        internal readonly long[] PromotionFrom = new long[FareTableFormat.MaxPromotions];
        internal readonly long[] PromotionUntil = new long[FareTableFormat.MaxPromotions];
        internal readonly int[] PromotionRoutes = new int[FareTableFormat.MaxPromotions];
        internal readonly int[] PromotionCardTypes = new int[FareTableFormat.MaxPromotions];
        internal readonly byte[] PromotionKinds = new byte[FareTableFormat.MaxPromotions];
        internal readonly int[] PromotionValues = new int[FareTableFormat.MaxPromotions];

        public uint Version { get; internal set; }

        /// <summary>First second (unix time) at which the table prices taps.</summary>
        public long ValidFrom { get; internal set; }

        /// <summary>First second at which the table no longer prices taps; 0 when it has no end.</summary>
        public long ValidUntil { get; internal set; }

        public int IssuerKeyId { get; internal set; }

        public int UtcOffsetMinutes { get; internal set; }

        /// <summary>Local time, in minutes after midnight, at which one service day ends and the next begins.</summary>
        public int ServiceDayStartMinutes { get; internal set; }

        /// <summary>Transfers allowed after the paid boarding of a journey; 0 disables transfers.</summary>
        public int MaxTransfers { get; internal set; }

        /// <summary>Seconds after a journey's paid boarding during which another boarding is a transfer; 0 disables transfers.</summary>
        public int TransferWindowSeconds { get; internal set; }

        /// <summary>Seconds after a boarding during which the same card on the same terminal is "already paid".</summary>
        public int PassbackSeconds { get; internal set; }

        /// <summary>Least balance (cents) that may ride into the overdraft.</summary>
        public int OverdraftMinBalance { get; internal set; }

        /// <summary>How far (cents) below zero one last ride may take a balance; 0 disables the overdraft.</summary>
        public int OverdraftLimit { get; internal set; }

        public int LanguageCount { get; internal set; }

        public int RouteCount { get; internal set; }

        public int ZoneCount { get; internal set; }

        public int PromotionCount { get; internal set; }

        /// <summary>The two-letter code of the display language at <paramref name="index"/> (in the table's order). Allocates: not for the tap path.</summary>
        public string GetLanguage(int index)
        {
            int at = index * FareTableFormat.LanguageSize;
            return new string(new char[] { (char)Languages[at], (char)Languages[at + 1] });
        }

        /// <summary>The position of a two-letter language code in the table's list, or -1.</summary>
        public int IndexOfLanguage(string code)
        {
            if (code == null || code.Length != FareTableFormat.LanguageSize)
            {
                return -1;
            }

            for (int i = 0; i < LanguageCount; i++)
            {
                int at = i * FareTableFormat.LanguageSize;
                if (Languages[at] == code[0] && Languages[at + 1] == code[1])
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The route's index in the table (routes are sorted by id), or -1.</summary>
        public int FindRoute(int routeId)
        {
            int low = 0;
            int high = RouteCount - 1;
            while (low <= high)
            {
                int middle = (low + high) >> 1;
                int id = RouteIds[middle];
                if (id == routeId)
                {
                    return middle;
                }

                if (id < routeId)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return -1;
        }

        /// <summary>The undiscounted fare of a ride, or -1 when the table has none for this route or these zones.</summary>
        public int BaseFare(int routeId, int originZone, int destinationZone)
        {
            int route = FindRoute(routeId);
            return route < 0 ? -1 : RouteFare(route, originZone, destinationZone);
        }

        /// <summary>True when the route at <paramref name="route"/> (an index from <see cref="FindRoute"/>) is priced by the zone matrix.</summary>
        public bool IsZonal(int route)
        {
            return RoutePricings[route] == (byte)RoutePricing.Zonal;
        }

        /// <summary>The undiscounted fare on the route at <paramref name="route"/>, or -1 when a zone is outside the matrix.</summary>
        public int RouteFare(int route, int originZone, int destinationZone)
        {
            if (!IsZonal(route))
            {
                return RouteFares[route];
            }

            if (originZone < 0 || originZone >= ZoneCount || destinationZone < 0 || destinationZone >= ZoneCount)
            {
                return -1;
            }

            return ZoneFares[(originZone * ZoneCount) + destinationZone];
        }

        /// <summary>The promotion in force that gives the lowest fare for this ride, or -1 when none applies.</summary>
        public int BestPromotion(int routeId, CardType cardType, long time, int fare)
        {
            int best = -1;
            int bestFare = fare;
            for (int i = 0; i < PromotionCount; i++)
            {
                bool inForce = time >= PromotionFrom[i] && time < PromotionUntil[i];
                bool routeMatches = PromotionRoutes[i] == FareTableFormat.AllRoutes || PromotionRoutes[i] == routeId;
                bool cardMatches = PromotionCardTypes[i] == FareTableFormat.AllCardTypes || PromotionCardTypes[i] == (int)cardType;
                if (inForce && routeMatches && cardMatches)
                {
                    int promoted = PromotedFare(i, fare);
                    if (best < 0 || promoted < bestFare)
                    {
                        best = i;
                        bestFare = promoted;
                    }
                }
            }

            return best;
        }

        /// <summary>The fare after promotion <paramref name="promotion"/>; never more than <paramref name="fare"/>, never negative.</summary>
        public int PromotedFare(int promotion, int fare)
        {
            int value = PromotionValues[promotion];
            switch ((PromotionKind)PromotionKinds[promotion])
            {
                case PromotionKind.FixedPrice:
                    return value < fare ? value : fare;
                case PromotionKind.PercentOff:
                    return fare - (fare * value / 100);
                default:
                    return value < fare ? fare - value : 0;
            }
        }

        /// <summary>The card type's concession; <see cref="ConcessionKind.None"/> when the table names none (full fare).</summary>
        public ConcessionKind ConcessionOf(CardType cardType)
        {
            return (ConcessionKind)ConcessionKinds[(int)cardType];
        }

        /// <summary>The fare after the card type's concession; never more than <paramref name="fare"/>, never negative.</summary>
        public int ConcessionFare(CardType cardType, int fare)
        {
            int type = (int)cardType;
            int value = ConcessionValues[type];
            switch ((ConcessionKind)ConcessionKinds[type])
            {
                case ConcessionKind.PercentOff:
                    return fare - (fare * value / 100);
                case ConcessionKind.AmountOff:
                    return value < fare ? fare - value : 0;
                case ConcessionKind.Free:
                    return 0;
                default:
                    return fare;
            }
        }

        /// <summary>The most a card of this type pays in one service day (cents); 0 when uncapped.</summary>
        public int DailyCap(CardType cardType)
        {
            return DailyCaps[(int)cardType];
        }

        /// <summary>
        /// The number of the service day that <paramref name="unixSeconds"/> falls in: days counted
        /// from the epoch in local time, each starting at <see cref="ServiceDayStartMinutes"/>.
        /// </summary>
        public int ServiceDayOf(long unixSeconds)
        {
            long local = unixSeconds + ((long)(UtcOffsetMinutes - ServiceDayStartMinutes) * 60);
            long day = local / SecondsPerDay;
            if (local < 0 && day * SecondsPerDay != local)
            {
                day--;
            }

            return (int)day;
        }
    }
}
