#include "stories/stories_int.h"
